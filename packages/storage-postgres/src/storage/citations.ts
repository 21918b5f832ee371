import { AuroraError, type Citation, type CitationRepository } from '@aurora-rca/core';
import { lockCounter, setCounter } from './counters.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

export function citationRepository(ex: Executor, t: Tables): CitationRepository {
  const c = t.citations;

  return {
    async append(tenantId, incidentId, draft, newId) {
      return ex.atomic(async (tx) => {
        const last = await lockCounter(tx, t, tenantId, 'citation', incidentId);
        if (draft.clientKey) {
          const { rows } = await tx.query(
            `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 AND client_key = $3`,
            [tenantId, incidentId, draft.clientKey],
          );
          if (rows[0]) return c.fromRow(rows[0]);
        }
        const citation: Citation = {
          id: newId(),
          tenantId,
          incidentId,
          key: String(last + 1),
          toolName: draft.toolName,
          command: draft.command,
          ...(draft.input !== undefined ? { input: draft.input } : {}),
          output: draft.output,
          status: draft.status,
          reason: draft.reason ?? null,
          executedAt: draft.executedAt,
          durationMs: draft.durationMs,
          origin: draft.origin ?? 'investigation',
          clientKey: draft.clientKey ?? null,
        };
        const { rows } = await tx.query(c.insertSql, c.values(citation));
        if (!rows[0]) {
          throw new AuroraError('CONFLICT', `Citation ${citation.id} already exists`, {
            details: { kind: 'citation', id: citation.id },
          });
        }
        await setCounter(tx, t, tenantId, 'citation', incidentId, last + 1);
        return c.fromRow(rows[0]);
      });
    },

    async get(tenantId, incidentId, key) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 AND key = $3`,
        [tenantId, incidentId, key],
      );
      return rows[0] ? c.fromRow(rows[0]) : null;
    },

    async list(tenantId, incidentId) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 ORDER BY length(key), key`,
        [tenantId, incidentId],
      );
      return rows.map((r) => c.fromRow(r));
    },
  };
}
