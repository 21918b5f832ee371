import { type Incident, type IncidentStatus, isOpen } from '@aurora-rca/core';
import type { UndoLog } from '../session.js';
import { SortedIndex, timeKey } from '../sorted-index.js';

/** One tenant's incident indexes. */
export class TenantIncidentIndexes {
  /** Per status, by `startedAt` then id: pages of `list`. */
  readonly byStatus = new Map<IncidentStatus, SortedIndex>();
  /** Open incidents by `lastAlertAt` then id: `findActive` without services. */
  readonly open = new SortedIndex();
  /** Open incidents per affected service, by `lastAlertAt` then id. */
  readonly openByService = new Map<string, SortedIndex>();
  /** `mergedIntoId` → ids merged into it. */
  readonly mergedInto = new Map<string, Set<string>>();

  add(incident: Incident): void {
    getOr(this.byStatus, incident.status, () => new SortedIndex()).insert(
      timeKey(incident.startedAt),
      incident.id,
    );
    if (isOpen(incident.status)) {
      const key = timeKey(incident.lastAlertAt);
      this.open.insert(key, incident.id);
      for (const service of new Set(incident.affectedServices)) {
        getOr(this.openByService, service, () => new SortedIndex()).insert(key, incident.id);
      }
    }
    if (incident.mergedIntoId !== null) {
      getOr(this.mergedInto, incident.mergedIntoId, () => new Set()).add(incident.id);
    }
  }

  remove(incident: Incident): void {
    this.byStatus.get(incident.status)?.remove(timeKey(incident.startedAt), incident.id);
    if (isOpen(incident.status)) {
      const key = timeKey(incident.lastAlertAt);
      this.open.remove(key, incident.id);
      for (const service of new Set(incident.affectedServices)) {
        const index = this.openByService.get(service);
        index?.remove(key, incident.id);
        if (index?.size === 0) this.openByService.delete(service);
      }
    }
    if (incident.mergedIntoId !== null) {
      const set = this.mergedInto.get(incident.mergedIntoId);
      set?.delete(incident.id);
      if (set?.size === 0) this.mergedInto.delete(incident.mergedIntoId);
    }
  }
}

/** Incidents by id (ids are unique across tenants) plus per-tenant indexes. */
export class IncidentTable {
  readonly rows = new Map<string, Incident>();
  private readonly tenants = new Map<string, TenantIncidentIndexes>();

  get(tenantId: string, id: string): Incident | undefined {
    const row = this.rows.get(id);
    return row && row.tenantId === tenantId ? row : undefined;
  }

  indexes(tenantId: string): TenantIncidentIndexes | undefined {
    return this.tenants.get(tenantId);
  }

  insert(incident: Incident, log: UndoLog): void {
    this.rows.set(incident.id, incident);
    getOr(this.tenants, incident.tenantId, () => new TenantIncidentIndexes()).add(incident);
    log(() => {
      this.rows.delete(incident.id);
      this.tenants.get(incident.tenantId)?.remove(incident);
    });
  }

  replace(prev: Incident, next: Incident, log: UndoLog): void {
    const indexes = getOr(this.tenants, prev.tenantId, () => new TenantIncidentIndexes());
    indexes.remove(prev);
    this.rows.set(next.id, next);
    indexes.add(next);
    log(() => {
      indexes.remove(next);
      this.rows.set(prev.id, prev);
      indexes.add(prev);
    });
  }
}

/** `map.get(key)`, creating the value first when missing. */
export function getOr<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
