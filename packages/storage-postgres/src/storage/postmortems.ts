import { AuroraError, type Postmortem, type PostmortemRepository } from '@aurora-rca/core';
import { insertNumbered } from './counters.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

export function postmortemRepository(ex: Executor, t: Tables): PostmortemRepository {
  const c = t.postmortems;

  return {
    async save(tenantId, incidentId, draft, newId) {
      const postmortem: Postmortem = {
        id: newId(),
        tenantId,
        incidentId,
        version: 0,
        sections: draft.sections,
        markdown: draft.markdown,
        generatedBy: draft.generatedBy,
        createdAt: draft.createdAt,
      };
      const stored = await insertNumbered(
        ex,
        t,
        c,
        'postmortem',
        tenantId,
        incidentId,
        postmortem,
        'version',
      );
      if (!stored) {
        throw new AuroraError('CONFLICT', `Postmortem ${postmortem.id} already exists`, {
          details: { kind: 'postmortem', id: postmortem.id },
        });
      }
      return stored;
    },

    async latest(tenantId, incidentId) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 ORDER BY version DESC LIMIT 1`,
        [tenantId, incidentId],
      );
      return rows[0] ? c.fromRow(rows[0]) : null;
    },

    async listVersions(tenantId, incidentId) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 ORDER BY version`,
        [tenantId, incidentId],
      );
      return rows.map((r) => c.fromRow(r));
    },
  };
}
