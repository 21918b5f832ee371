import { AuroraError, type EventLogRepository, type IncidentEvent } from '@aurora-rca/core';
import { clampLimit, copy, key } from '../util.js';
import type { RepositoryContext } from './context.js';

/** Parse an event id (a positive integer string) or fail with `INVALID_INPUT`. */
function seqOf(id: string): number {
  if (!/^\d+$/.test(id)) throw new AuroraError('INVALID_INPUT', `Invalid event id: ${id}`);
  return Number(id);
}

/** First position in `list` (ascending ids) whose id is greater than `after`. */
function firstAfter(list: readonly IncidentEvent[], after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(list[mid]!.id) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The event log. Ids are "1", "2", … per tenant: the position in the tenant's log, so they
 * increase and never skip, and `Last-Event-ID` resumes with a slice.
 */
export function eventLogRepository({ tables, session }: RepositoryContext): EventLogRepository {
  const { events, eventsByIncident } = tables;
  return {
    append: (draft) =>
      session.write((log) => {
        const event = { ...copy(draft), id: String(events.nextSeq(draft.tenantId)) } as IncidentEvent;
        events.append(draft.tenantId, event, log);
        if (event.incidentId !== null)
          eventsByIncident.append(key(event.tenantId, event.incidentId), event, log);
        return copy(event);
      }),

    listAfter: (tenantId, query) =>
      session.read(() => {
        const after = query.afterId === null ? 0 : seqOf(query.afterId);
        const limit = clampLimit(query.limit, Number.POSITIVE_INFINITY);
        if (query.incidentId === undefined) {
          return events
            .list(tenantId)
            .slice(after, after + limit)
            .map(copy);
        }
        const list = eventsByIncident.list(key(tenantId, query.incidentId));
        const start = firstAfter(list, after);
        return list.slice(start, start + limit).map(copy);
      }),

    get: (tenantId, id) =>
      session.read(() => {
        if (!/^[1-9]\d*$/.test(id)) return null;
        return copy(events.list(tenantId)[Number(id) - 1] ?? null);
      }),
  };
}
