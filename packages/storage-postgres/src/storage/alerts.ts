import { type AlertRepository, AuroraError, notFound } from '@aurora-rca/core';
import { clampLimit } from './codec.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

export function alertRepository(ex: Executor, t: Tables): AlertRepository {
  const c = t.alerts;
  const all = (rows: Record<string, unknown>[]) => rows.map((r) => c.fromRow(r));

  return {
    async insert(alert) {
      // ON CONFLICT DO NOTHING covers both the id and the partial dedup index; a concurrent
      // insert of the same fingerprint waits for the winner's commit and then gets no row.
      const { rows } = await ex.query(c.insertSql, c.values(alert));
      if (rows[0]) return c.fromRow(rows[0]);
      throw new AuroraError(
        'CONFLICT',
        `An active alert with fingerprint ${alert.fingerprint} already exists`,
        {
          details: { kind: 'alert', id: alert.id, source: alert.source, fingerprint: alert.fingerprint },
        },
      );
    },

    async get(tenantId, id) {
      const { rows } = await ex.query(`SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ]);
      return rows[0] ? c.fromRow(rows[0]) : null;
    },

    async findActive(tenantId, source, fingerprint) {
      // Inside a transaction the active alert is locked until commit: a repeat read-modify-writes
      // it (`occurrences + 1`), and concurrent repeats of one fingerprint must not lose updates.
      const lock = ex.inTransaction ? ' FOR UPDATE' : '';
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND source = $2 AND fingerprint = $3 AND active${lock}`,
        [tenantId, source, fingerprint],
      );
      return rows[0] ? c.fromRow(rows[0]) : null;
    },

    async update(tenantId, id, patch) {
      const { sets, params } = c.patch(patch as Record<string, unknown>, 3, ['id', 'tenantId']);
      if (sets.length === 0) {
        const current = await this.get(tenantId, id);
        if (!current) throw notFound('alert', id);
        return current;
      }
      const { rows } = await ex.query(
        `UPDATE ${c.table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${c.select}`,
        [tenantId, id, ...params],
      );
      if (!rows[0]) throw notFound('alert', id);
      return c.fromRow(rows[0]);
    },

    async listByIncident(tenantId, incidentId) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND incident_id = $2 ORDER BY received_at, id`,
        [tenantId, incidentId],
      );
      return all(rows);
    },

    async moveToIncident(tenantId, fromIncidentId, toIncidentId) {
      const { rowCount } = await ex.query(
        `UPDATE ${c.table} SET incident_id = $3 WHERE tenant_id = $1 AND incident_id = $2`,
        [tenantId, fromIncidentId, toIncidentId],
      );
      return rowCount;
    },

    async deactivateByIncident(tenantId, incidentId) {
      const { rowCount } = await ex.query(
        `UPDATE ${c.table} SET active = false WHERE tenant_id = $1 AND incident_id = $2 AND active`,
        [tenantId, incidentId],
      );
      return rowCount;
    },

    async listRecent(tenantId, query) {
      const values: unknown[] = [tenantId, query.since];
      let where = 'tenant_id = $1 AND started_at >= $2::timestamptz';
      if (query.kind) {
        values.push(query.kind);
        where += ` AND kind = $${values.length}`;
      }
      if (query.services) {
        if (query.services.length === 0) return [];
        values.push(query.services);
        where += ` AND service = ANY($${values.length}::text[])`;
      }
      values.push(clampLimit(query.limit, 100, 1000));
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT $${values.length}`,
        values,
      );
      return all(rows);
    },
  };
}
