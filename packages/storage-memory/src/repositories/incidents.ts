import {
  AuroraError,
  type Incident,
  type IncidentRepository,
  type IncidentStatus,
  IncidentStatus as IncidentStatusSchema,
  notFound,
} from '@aurora-rca/core';
import { byKeyDesc, type SortedIndex } from '../sorted-index.js';
import { clampLimit, conflict, copy, definedOnly, parseTime } from '../util.js';
import type { RepositoryContext } from './context.js';

const ALL_STATUSES = IncidentStatusSchema.options;
const NOT_MERGED: IncidentStatus[] = ['investigating', 'analyzed', 'resolved'];

function encodeCursor(position: { key: number; id: string }): string {
  return btoa(encodeURIComponent(JSON.stringify([position.key, position.id])));
}

function decodeCursor(cursor: string): { key: number; id: string } {
  try {
    const [key, id] = JSON.parse(decodeURIComponent(atob(cursor))) as unknown[];
    if (typeof key === 'number' && typeof id === 'string') return { key, id };
  } catch {
    // fall through
  }
  throw new AuroraError('INVALID_INPUT', 'Invalid incident list cursor');
}

/** Take up to `limit` entries from each index (descending), then merge them. */
function topFrom(
  indexes: (SortedIndex | undefined)[],
  limit: number,
  options: { before?: { key: number; id: string }; min?: number },
): { key: number; id: string }[] {
  const picked: { key: number; id: string }[] = [];
  const seen = new Set<string>();
  for (const index of indexes) {
    if (!index) continue;
    let taken = 0;
    for (const entry of index.descending(options)) {
      if (taken >= limit) break;
      taken += 1;
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      picked.push(entry);
    }
  }
  return picked.sort(byKeyDesc).slice(0, limit);
}

/** Incidents over {@link IncidentTable}: every query is served from an index. */
export function incidentRepository({ tables, session, clock }: RepositoryContext): IncidentRepository {
  const table = tables.incidents;
  const rows = (entries: { id: string }[]) => entries.map((e) => copy(table.rows.get(e.id)!));

  return {
    create: (incident) =>
      session.write((log) => {
        if (table.rows.has(incident.id))
          throw conflict(`Incident ${incident.id} already exists`, { id: incident.id });
        const row = copy(incident);
        table.insert(row, log);
        return copy(row);
      }),

    get: (tenantId, id) => session.read(() => copy(table.get(tenantId, id) ?? null)),

    update: (tenantId, id, patch, options = {}) =>
      session.write((log) => {
        const prev = table.get(tenantId, id);
        if (!prev) throw notFound('incident', id);
        if (options.ifVersion !== undefined && prev.version !== options.ifVersion) {
          throw conflict(`Incident ${id} is at version ${prev.version}, not ${options.ifVersion}`, {
            id,
            version: prev.version,
          });
        }
        if (options.ifStatus && !options.ifStatus.includes(prev.status)) {
          throw conflict(`Incident ${id} is ${prev.status}`, {
            id,
            status: prev.status,
            expected: options.ifStatus,
          });
        }
        const changes = definedOnly(copy(patch) as Partial<Incident>);
        const next: Incident = {
          ...prev,
          ...changes,
          id: prev.id,
          tenantId: prev.tenantId,
          createdAt: prev.createdAt,
          version: prev.version + 1,
          updatedAt: changes.updatedAt ?? new Date(clock.now()).toISOString(),
        };
        table.replace(prev, next, log);
        return copy(next);
      }),

    list: (tenantId, query = {}) =>
      session.read(() => {
        const limit = clampLimit(query.limit, 50, 500);
        const statuses =
          query.status === undefined
            ? query.includeMerged
              ? ALL_STATUSES
              : NOT_MERGED
            : Array.isArray(query.status)
              ? query.status
              : [query.status];
        const indexes = table.indexes(tenantId);
        if (!indexes) return { items: [], nextCursor: null };
        const before = query.cursor ? decodeCursor(query.cursor) : undefined;
        const page = topFrom(
          [...new Set(statuses)].map((s) => indexes.byStatus.get(s)),
          limit + 1,
          before ? { before } : {},
        );
        const items = page.slice(0, limit);
        const last = items[items.length - 1];
        return { items: rows(items), nextCursor: page.length > limit && last ? encodeCursor(last) : null };
      }),

    findActive: (tenantId, query) =>
      session.read(() => {
        const min = parseTime(query.since, 'since');
        const limit = clampLimit(query.limit, Number.POSITIVE_INFINITY);
        const indexes = table.indexes(tenantId);
        if (!indexes) return [];
        const sources = query.services
          ? [...new Set(query.services)].map((s) => indexes.openByService.get(s))
          : [indexes.open];
        return rows(topFrom(sources, limit, { min }));
      }),

    listMergedInto: (tenantId, targetId) =>
      session.read(() => {
        const ids = table.indexes(tenantId)?.mergedInto.get(targetId) ?? new Set<string>();
        return [...ids].sort().map((id) => copy(table.rows.get(id)!));
      }),

    countByStatus: (tenantId) =>
      session.read(() => {
        const counts: Partial<Record<IncidentStatus, number>> = {};
        for (const [status, index] of table.indexes(tenantId)?.byStatus ?? []) {
          if (index.size > 0) counts[status] = index.size;
        }
        return counts;
      }),
  };
}
