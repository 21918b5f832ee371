import type { EventLogRepository, IncidentEvent } from '@aurora-rca/core';
import { clampLimit } from './codec.js';
import { nextValueCte } from './counters.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

/** Event ids are the per-tenant sequence as a decimal string; anything else matches nothing. */
function parseId(id: string): number | null {
  return /^\d{1,15}$/.test(id) ? Number(id) : null;
}

function fromRow(row: { seq: string | number; body: string }): IncidentEvent {
  return { ...(JSON.parse(row.body) as Omit<IncidentEvent, 'id'>), id: String(row.seq) } as IncidentEvent;
}

/**
 * The event log. Ids come from a per-tenant counter row, so they are gap-free and a
 * transaction holding a lower id always commits before one with a higher id becomes
 * visible — a reader resuming after id N never skips an event committed later.
 */
export function eventLogRepository(ex: Executor, t: Tables): EventLogRepository {
  return {
    async append(draft) {
      const { id: _ignored, ...body } = draft as typeof draft & { id?: string };
      const { rows } = await ex.query<{ seq: string }>(
        `WITH ${nextValueCte(t, 'event')}
         INSERT INTO ${t.events} (tenant_id, seq, incident_id, type, at, body)
         SELECT $1, next.value, $3, $4, $5::timestamptz, $6::json FROM next
         RETURNING seq`,
        [draft.tenantId, '', draft.incidentId ?? null, draft.type, draft.at, JSON.stringify(body)],
      );
      return { ...body, id: String(rows[0]!.seq) } as IncidentEvent;
    },

    async listAfter(tenantId, query) {
      const after = query.afterId === null ? 0 : parseId(query.afterId);
      if (after === null) return [];
      const values: unknown[] = [tenantId, after];
      let where = 'tenant_id = $1 AND seq > $2';
      if (query.incidentId) {
        values.push(query.incidentId);
        where += ` AND incident_id = $${values.length}`;
      }
      values.push(clampLimit(query.limit, 1000, 10_000));
      const { rows } = await ex.query<{ seq: string; body: string }>(
        `SELECT seq, body::text AS body FROM ${t.events} WHERE ${where} ORDER BY seq LIMIT $${values.length}`,
        values,
      );
      return rows.map(fromRow);
    },

    async get(tenantId, id) {
      const seq = parseId(id);
      if (seq === null) return null;
      const { rows } = await ex.query<{ seq: string; body: string }>(
        `SELECT seq, body::text AS body FROM ${t.events} WHERE tenant_id = $1 AND seq = $2`,
        [tenantId, seq],
      );
      return rows[0] ? fromRow(rows[0]) : null;
    },
  };
}
