import {
  AuroraError,
  type Clock,
  type IncidentRepository,
  type IncidentStatus,
  isoNow,
  notFound,
} from '@aurora-rca/core';
import { clampLimit } from './codec.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

/** Fields a patch may never set: ids, and what storage manages itself. */
const MANAGED = ['id', 'tenantId', 'createdAt', 'version', 'updatedAt'] as const;

export function incidentRepository(ex: Executor, t: Tables, clock: Clock): IncidentRepository {
  const c = t.incidents;
  const one = (rows: Record<string, unknown>[]) => (rows[0] ? c.fromRow(rows[0]) : null);

  return {
    async create(incident) {
      const { rows } = await ex.query(c.insertSql, c.values(incident));
      const created = one(rows);
      if (!created) {
        throw new AuroraError('CONFLICT', `Incident ${incident.id} already exists`, {
          details: { kind: 'incident', id: incident.id },
        });
      }
      return created;
    },

    async get(tenantId, id) {
      const { rows } = await ex.query(`SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ]);
      return one(rows);
    },

    async update(tenantId, id, patch, options = {}) {
      const { sets, params } = c.patch(patch as Record<string, unknown>, 3, MANAGED);
      const values: unknown[] = [tenantId, id, ...params];
      const updatedAt = (patch as { updatedAt?: string }).updatedAt ?? isoNow(clock);
      values.push(updatedAt);
      sets.push(`updated_at = $${values.length}::timestamptz`, 'version = version + 1');
      let where = 'tenant_id = $1 AND id = $2';
      if (options.ifVersion !== undefined) {
        values.push(options.ifVersion);
        where += ` AND version = $${values.length}`;
      }
      if (options.ifStatus) {
        values.push(options.ifStatus);
        where += ` AND status = ANY($${values.length}::text[])`;
      }
      const { rows } = await ex.query(
        `UPDATE ${c.table} SET ${sets.join(', ')} WHERE ${where} RETURNING ${c.select}`,
        values,
      );
      const updated = one(rows);
      if (updated) return updated;
      const current = await this.get(tenantId, id);
      if (!current) throw notFound('incident', id);
      throw new AuroraError('CONFLICT', `Incident ${id} changed concurrently`, {
        details: {
          kind: 'incident',
          id,
          version: current.version,
          status: current.status,
          ...(options.ifVersion !== undefined ? { expectedVersion: options.ifVersion } : {}),
          ...(options.ifStatus ? { expectedStatus: options.ifStatus } : {}),
        },
      });
    },

    async list(tenantId, query = {}) {
      const limit = clampLimit(query.limit, 50, 500);
      const values: unknown[] = [tenantId];
      let where = 'tenant_id = $1';
      if (query.status !== undefined) {
        values.push(Array.isArray(query.status) ? query.status : [query.status]);
        where += ` AND status = ANY($${values.length}::text[])`;
      } else if (!query.includeMerged) {
        where += ` AND status <> 'merged'`;
      }
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        values.push(after.startedAt, after.id);
        where += ` AND (started_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::text)`;
      }
      values.push(limit + 1);
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT $${values.length}`,
        values,
      );
      const items = rows.slice(0, limit).map((r) => c.fromRow(r));
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(last.startedAt, last.id) : null,
      };
    },

    async findActive(tenantId, query) {
      const values: unknown[] = [tenantId, query.since];
      let where = `tenant_id = $1 AND status IN ('investigating', 'analyzed') AND last_alert_at >= $2::timestamptz`;
      if (query.services) {
        if (query.services.length === 0) return [];
        values.push(query.services);
        where += ` AND affected_services && $${values.length}::text[]`;
      }
      values.push(clampLimit(query.limit, 100, 1000));
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE ${where} ORDER BY last_alert_at DESC, id DESC LIMIT $${values.length}`,
        values,
      );
      return rows.map((r) => c.fromRow(r));
    },

    async listMergedInto(tenantId, targetId) {
      const { rows } = await ex.query(
        `SELECT ${c.select} FROM ${c.table} WHERE tenant_id = $1 AND merged_into_id = $2 ORDER BY started_at, id`,
        [tenantId, targetId],
      );
      return rows.map((r) => c.fromRow(r));
    },

    async countByStatus(tenantId) {
      const { rows } = await ex.query<{ status: IncidentStatus; n: string }>(
        `SELECT status, count(*) AS n FROM ${c.table} WHERE tenant_id = $1 GROUP BY status`,
        [tenantId],
      );
      const out: Partial<Record<IncidentStatus, number>> = {};
      for (const row of rows) out[row.status] = Number(row.n);
      return out;
    },
  };
}
