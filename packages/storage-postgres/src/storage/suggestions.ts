import { AuroraError, notFound, type Suggestion, type SuggestionRepository } from '@aurora-rca/core';
import { decode } from './codec.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

/** Columns shared by both suggestion types; the type-specific fields live in `details` (jsonb). */
const COMMON = [
  'tenantId',
  'id',
  'incidentId',
  'type',
  'title',
  'rationale',
  'status',
  'createdAt',
  'updatedAt',
] as const;
const SELECT =
  'tenant_id, id, incident_id, type, title, rationale, status, details::text AS details, created_at, updated_at';

function fromRow(row: Record<string, unknown>): Suggestion {
  return {
    ...(decode('jsonb', row.details) as Record<string, unknown>),
    tenantId: row.tenant_id,
    id: row.id,
    incidentId: row.incident_id,
    type: row.type,
    title: row.title,
    rationale: row.rationale,
    status: row.status,
    createdAt: decode('ts', row.created_at),
    updatedAt: decode('ts', row.updated_at),
  } as Suggestion;
}

function split(suggestion: Suggestion): { common: unknown[]; details: string } {
  const record = suggestion as unknown as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!(COMMON as readonly string[]).includes(key) && value !== undefined) details[key] = value;
  }
  return { common: COMMON.map((k) => record[k] ?? null), details: JSON.stringify(details) };
}

export function suggestionRepository(ex: Executor, t: Tables): SuggestionRepository {
  const table = t.suggestions;
  const write = async (target: Executor, suggestion: Suggestion, mode: 'insert' | 'update') => {
    const { common, details } = split(suggestion);
    const sql =
      mode === 'insert'
        ? `INSERT INTO ${table} (tenant_id, id, incident_id, type, title, rationale, status, created_at, updated_at, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10::jsonb)
           ON CONFLICT DO NOTHING RETURNING ${SELECT}`
        : `UPDATE ${table} SET incident_id = $3, title = $5, rationale = $6, status = $7, created_at = $8::timestamptz,
             updated_at = $9::timestamptz, details = $10::jsonb
           WHERE tenant_id = $1 AND id = $2 AND type = $4 RETURNING ${SELECT}`;
    const { rows } = await target.query(sql, [...common, details]);
    return rows[0] ? fromRow(rows[0]) : null;
  };

  return {
    async create(suggestion) {
      const created = await write(ex, suggestion, 'insert');
      if (!created) {
        throw new AuroraError('CONFLICT', `Suggestion ${suggestion.id} already exists`, {
          details: { kind: 'suggestion', id: suggestion.id },
        });
      }
      return created;
    },

    async get(tenantId, id) {
      const { rows } = await ex.query(`SELECT ${SELECT} FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ]);
      return rows[0] ? fromRow(rows[0]) : null;
    },

    async update(tenantId, id, patch, options = {}) {
      return ex.atomic(async (tx) => {
        const { rows } = await tx.query(
          `SELECT ${SELECT} FROM ${table} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
          [tenantId, id],
        );
        if (!rows[0]) throw notFound('suggestion', id);
        const current = fromRow(rows[0]);
        if (patch.type !== undefined && patch.type !== current.type) {
          throw new AuroraError(
            'INVALID_INPUT',
            `A ${current.type} suggestion cannot become a ${patch.type} suggestion`,
            {
              details: { kind: 'suggestion', id },
            },
          );
        }
        if (options.ifStatus && !options.ifStatus.includes(current.status)) {
          throw new AuroraError('CONFLICT', `Suggestion ${id} is ${current.status}`, {
            details: { kind: 'suggestion', id, status: current.status, expectedStatus: options.ifStatus },
          });
        }
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const next = { ...current, ...defined, id, tenantId, type: current.type } as Suggestion;
        return (await write(tx, next, 'update'))!;
      });
    },

    async listByIncident(tenantId, incidentId) {
      const { rows } = await ex.query(
        `SELECT ${SELECT} FROM ${table} WHERE tenant_id = $1 AND incident_id = $2 ORDER BY created_at, id`,
        [tenantId, incidentId],
      );
      return rows.map(fromRow);
    },

    async moveToIncident(tenantId, fromIncidentId, toIncidentId) {
      const { rowCount } = await ex.query(
        `UPDATE ${table} SET incident_id = $3 WHERE tenant_id = $1 AND incident_id = $2`,
        [tenantId, fromIncidentId, toIncidentId],
      );
      return rowCount;
    },
  };
}
