import { AuroraError, type DeadLetterRepository } from '@aurora-rca/core';
import { clampLimit } from './codec.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

export function deadLetterRepository(ex: Executor, t: Tables): DeadLetterRepository {
  const c = t.deadLetters;
  return {
    async insert(deadLetter) {
      const { rows } = await ex.query(c.insertSql, c.values(deadLetter));
      if (!rows[0]) {
        throw new AuroraError('CONFLICT', `Dead letter ${deadLetter.id} already exists`, {
          details: { kind: 'deadLetter', id: deadLetter.id },
        });
      }
      return c.fromRow(rows[0]);
    },

    async list(tenantId, query = {}) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2`,
        [tenantId, clampLimit(query.limit, 100, 1000)],
      );
      return rows.map((r) => c.fromRow(r));
    },
  };
}
