import type { Thought, ThoughtRepository } from '@aurora-rca/core';
import { setUndoable } from '../tables/index.js';
import { clampLimit, copy, key } from '../util.js';
import type { RepositoryContext } from './context.js';
import { assertIncident } from './parents.js';

/** Thought streams: seq is the position in the incident's list, so it is gap-free. */
export function thoughtRepository({ tables, session }: RepositoryContext): ThoughtRepository {
  return {
    append: (tenantId, incidentId, drafts, newId) =>
      session.write((log) => {
        assertIncident(tables, tenantId, incidentId);
        const parent = key(tenantId, incidentId);
        const out: Thought[] = [];
        for (const draft of drafts) {
          const clientKey = draft.clientKey ?? null;
          const existing = clientKey === null ? undefined : tables.thoughtKeys.get(key(parent, clientKey));
          if (existing) {
            out.push(copy(existing));
            continue;
          }
          const thought: Thought = {
            id: newId(),
            tenantId,
            incidentId,
            seq: tables.thoughts.nextSeq(parent),
            content: draft.content,
            kind: draft.kind ?? 'investigation',
            clientKey,
            createdAt: draft.createdAt,
          };
          tables.thoughts.append(parent, thought, log);
          if (clientKey !== null) setUndoable(tables.thoughtKeys, key(parent, clientKey), thought, log);
          out.push(copy(thought));
        }
        return out;
      }),

    list: (tenantId, incidentId, query = {}) =>
      session.read(() => {
        const all = tables.thoughts.list(key(tenantId, incidentId));
        const start = Math.max(0, Math.floor(query.afterSeq ?? 0));
        const limit = clampLimit(query.limit, Number.POSITIVE_INFINITY);
        return all.slice(start, start + limit).map(copy);
      }),
  };
}
