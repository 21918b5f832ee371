import { type AlertRepository, notFound, type StoredAlert } from '@aurora-rca/core';
import { AlertTable } from '../tables/alerts.js';
import { clampLimit, conflict, copy, definedOnly, key, parseTime } from '../util.js';
import type { RepositoryContext } from './context.js';

const byReceivedAt = (a: StoredAlert, b: StoredAlert) =>
  Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Stored alerts; the active (tenant, source, fingerprint) key is unique. */
export function alertRepository({ tables, session, clock }: RepositoryContext): AlertRepository {
  const table = tables.alerts;
  const now = () => new Date(clock.now()).toISOString();
  const ofIncident = (tenantId: string, incidentId: string) =>
    [...(table.byIncident.get(key(tenantId, incidentId)) ?? [])].map((id) => table.rows.get(id)!);

  return {
    insert: (alert) =>
      session.write((log) => {
        if (table.rows.has(alert.id)) throw conflict(`Alert ${alert.id} already exists`, { id: alert.id });
        const row = copy(alert);
        const holder = row.active ? table.activeHolder(row) : undefined;
        if (holder !== undefined) {
          throw conflict(`An active alert with fingerprint ${row.fingerprint} from ${row.source} exists`, {
            activeAlertId: holder,
          });
        }
        table.insert(row, log);
        return copy(row);
      }),

    get: (tenantId, id) => session.read(() => copy(table.get(tenantId, id) ?? null)),

    findActive: (tenantId, source, fingerprint) =>
      session.read(() => {
        const id = table.active.get(AlertTable.activeKey({ tenantId, source, fingerprint }));
        return id === undefined ? null : copy(table.rows.get(id)!);
      }),

    update: (tenantId, id, patch) =>
      session.write((log) => {
        const prev = table.get(tenantId, id);
        if (!prev) throw notFound('alert', id);
        const next: StoredAlert = {
          ...prev,
          ...definedOnly(copy(patch)),
          id: prev.id,
          tenantId: prev.tenantId,
        };
        const holder = next.active ? table.activeHolder(next) : undefined;
        if (holder !== undefined) {
          throw conflict(`An active alert with fingerprint ${next.fingerprint} from ${next.source} exists`, {
            activeAlertId: holder,
          });
        }
        table.replace(prev, next, log);
        return copy(next);
      }),

    listByIncident: (tenantId, incidentId) =>
      session.read(() => ofIncident(tenantId, incidentId).sort(byReceivedAt).map(copy)),

    moveToIncident: (tenantId, fromIncidentId, toIncidentId) =>
      session.write((log) => {
        const moving = ofIncident(tenantId, fromIncidentId);
        const at = now();
        for (const prev of moving)
          table.replace(prev, { ...prev, incidentId: toIncidentId, updatedAt: at }, log);
        return moving.length;
      }),

    deactivateByIncident: (tenantId, incidentId) =>
      session.write((log) => {
        const active = ofIncident(tenantId, incidentId).filter((a) => a.active);
        const at = now();
        for (const prev of active) table.replace(prev, { ...prev, active: false, updatedAt: at }, log);
        return active.length;
      }),

    listRecent: (tenantId, query) =>
      session.read(() => {
        const min = parseTime(query.since, 'since');
        const limit = clampLimit(query.limit, Number.POSITIVE_INFINITY);
        const services = query.services ? new Set(query.services) : undefined;
        const out: StoredAlert[] = [];
        for (const { id } of table.recent.get(tenantId)?.descending({ min }) ?? []) {
          if (out.length >= limit) break;
          const alert = table.rows.get(id)!;
          if (query.kind && alert.kind !== query.kind) continue;
          if (services && (alert.service === null || !services.has(alert.service))) continue;
          out.push(copy(alert));
        }
        return out;
      }),
  };
}
