import { notFound, type Suggestion, type SuggestionRepository } from '@aurora-rca/core';
import { conflict, copy, definedOnly, key } from '../util.js';
import type { RepositoryContext } from './context.js';
import { assertIncident } from './parents.js';

const byCreatedAt = (a: Suggestion, b: Suggestion) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Suggestions by id, indexed per incident. */
export function suggestionRepository({ tables, session, clock }: RepositoryContext): SuggestionRepository {
  const { suggestions, suggestionsByIncident: byIncident } = tables;

  return {
    create: (suggestion) =>
      session.write((log) => {
        if (suggestions.rows.has(suggestion.id)) throw conflict(`Suggestion ${suggestion.id} already exists`);
        assertIncident(tables, suggestion.tenantId, suggestion.incidentId);
        const row = copy(suggestion);
        suggestions.put(row, log);
        byIncident.add(key(row.tenantId, row.incidentId), row.id, log);
        return copy(row);
      }),

    get: (tenantId, id) => session.read(() => copy(suggestions.get(tenantId, id) ?? null)),

    update: (tenantId, id, patch, options = {}) =>
      session.write((log) => {
        const prev = suggestions.get(tenantId, id);
        if (!prev) throw notFound('suggestion', id);
        if (options.ifStatus && !options.ifStatus.includes(prev.status)) {
          throw conflict(`Suggestion ${id} is ${prev.status}`, {
            id,
            status: prev.status,
            expected: options.ifStatus,
          });
        }
        // The type (and with it the shape) never changes; ids stay put.
        const next = {
          ...prev,
          ...definedOnly(copy(patch)),
          id: prev.id,
          tenantId: prev.tenantId,
          type: prev.type,
        } as Suggestion;
        if (next.incidentId !== prev.incidentId) {
          assertIncident(tables, tenantId, next.incidentId);
          byIncident.delete(key(tenantId, prev.incidentId), id, log);
          byIncident.add(key(tenantId, next.incidentId), id, log);
        }
        suggestions.put(next, log);
        return copy(next);
      }),

    listByIncident: (tenantId, incidentId) =>
      session.read(() =>
        byIncident
          .ids(key(tenantId, incidentId))
          .map((id) => suggestions.rows.get(id)!)
          .sort(byCreatedAt)
          .map(copy),
      ),

    moveToIncident: (tenantId, fromIncidentId, toIncidentId) =>
      session.write((log) => {
        const ids = byIncident.ids(key(tenantId, fromIncidentId));
        const at = new Date(clock.now()).toISOString();
        for (const id of ids) {
          const prev = suggestions.rows.get(id)!;
          suggestions.put({ ...prev, incidentId: toIncidentId, updatedAt: at }, log);
          byIncident.delete(key(tenantId, fromIncidentId), id, log);
          byIncident.add(key(tenantId, toIncidentId), id, log);
        }
        return ids.length;
      }),
  };
}
