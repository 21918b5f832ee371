import type { Thought, ThoughtRepository } from '@aurora-rca/core';
import { clampLimit } from './codec.js';
import { lockCounter, setCounter } from './counters.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

export function thoughtRepository(ex: Executor, t: Tables): ThoughtRepository {
  const c = t.thoughts;

  return {
    async append(tenantId, incidentId, drafts, newId) {
      if (drafts.length === 0) return [];
      return ex.atomic(async (tx) => {
        // Lock first: the clientKey check below then sees every earlier writer's commit.
        const last = await lockCounter(tx, t, tenantId, 'thought', incidentId);
        const keys = drafts.map((d) => d.clientKey).filter((k): k is string => typeof k === 'string');
        const stored = new Map<string, Thought>();
        if (keys.length > 0) {
          const { rows } = await tx.query(
            `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 AND client_key = ANY($3::text[])`,
            [tenantId, incidentId, keys],
          );
          for (const row of rows) {
            const thought = c.fromRow(row);
            if (thought.clientKey) stored.set(thought.clientKey, thought);
          }
        }
        const out: (Thought | string)[] = [];
        const fresh: Thought[] = [];
        const pendingKeys = new Set<string>();
        for (const draft of drafts) {
          const key = draft.clientKey ?? null;
          if (key !== null && stored.has(key)) out.push(stored.get(key)!);
          else if (key !== null && pendingKeys.has(key)) out.push(key);
          else {
            const thought: Thought = {
              id: newId(),
              tenantId,
              incidentId,
              seq: last + fresh.length + 1,
              content: draft.content,
              kind: draft.kind ?? 'investigation',
              clientKey: key,
              createdAt: draft.createdAt,
            };
            if (key !== null) pendingKeys.add(key);
            fresh.push(thought);
            out.push(thought);
          }
        }
        if (fresh.length > 0) {
          const width = c.columns.length;
          const placeholders = fresh.map(
            (_, i) => `(${c.columns.map((_, j) => `$${i * width + j + 1}`).join(', ')})`,
          );
          const { rows } = await tx.query(
            `INSERT INTO ${c.table} (${c.columns.map((col) => col.column).join(', ')}) VALUES ${placeholders.join(', ')} RETURNING ${c.select}`,
            fresh.flatMap((thought) => c.values(thought)),
          );
          const inserted = new Map(rows.map((r) => c.fromRow(r)).map((th) => [th.id, th]));
          for (const [i, item] of out.entries()) {
            if (typeof item !== 'string' && inserted.has(item.id)) out[i] = inserted.get(item.id)!;
          }
          for (const th of inserted.values()) if (th.clientKey) stored.set(th.clientKey, th);
          await setCounter(tx, t, tenantId, 'thought', incidentId, last + fresh.length);
        }
        // A key repeated within one batch returns the thought stored for its first occurrence.
        return out.map((item) => (typeof item === 'string' ? stored.get(item)! : item));
      });
    },

    async list(tenantId, incidentId, query = {}) {
      const values: unknown[] = [tenantId, incidentId, query.afterSeq ?? 0];
      let sql = `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 AND seq > $3 ORDER BY seq`;
      if (query.limit !== undefined) {
        values.push(clampLimit(query.limit, 1000, 10_000));
        sql += ` LIMIT $4`;
      }
      const { rows } = await ex.query(sql, values);
      return rows.map((r) => c.fromRow(r));
    },
  };
}
