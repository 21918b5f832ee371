import type { StoredAlert } from '@aurora-rca/core';
import type { UndoLog } from '../session.js';
import { SortedIndex, timeKey } from '../sorted-index.js';
import { key } from '../util.js';
import { getOr } from './incidents.js';

/** Stored alerts by id, with the active-dedup key, per-incident sets and a recency index. */
export class AlertTable {
  readonly rows = new Map<string, StoredAlert>();
  /** (tenant, source, fingerprint) → id of the one active alert. */
  readonly active = new Map<string, string>();
  /** (tenant, incidentId) → alert ids. */
  readonly byIncident = new Map<string, Set<string>>();
  /** tenant → alerts by `startedAt`. */
  readonly recent = new Map<string, SortedIndex>();

  static activeKey(alert: Pick<StoredAlert, 'tenantId' | 'source' | 'fingerprint'>): string {
    return key(alert.tenantId, alert.source, alert.fingerprint);
  }

  get(tenantId: string, id: string): StoredAlert | undefined {
    const row = this.rows.get(id);
    return row && row.tenantId === tenantId ? row : undefined;
  }

  /** The active alert holding `alert`'s dedup key, other than `alert` itself. */
  activeHolder(alert: StoredAlert): string | undefined {
    const holder = this.active.get(AlertTable.activeKey(alert));
    return holder === alert.id ? undefined : holder;
  }

  insert(alert: StoredAlert, log: UndoLog): void {
    this.add(alert);
    log(() => this.drop(alert));
  }

  replace(prev: StoredAlert, next: StoredAlert, log: UndoLog): void {
    this.drop(prev);
    this.add(next);
    log(() => {
      this.drop(next);
      this.add(prev);
    });
  }

  private add(alert: StoredAlert): void {
    this.rows.set(alert.id, alert);
    if (alert.active) this.active.set(AlertTable.activeKey(alert), alert.id);
    if (alert.incidentId !== null) {
      getOr(this.byIncident, key(alert.tenantId, alert.incidentId), () => new Set()).add(alert.id);
    }
    getOr(this.recent, alert.tenantId, () => new SortedIndex()).insert(timeKey(alert.startedAt), alert.id);
  }

  private drop(alert: StoredAlert): void {
    this.rows.delete(alert.id);
    const activeKey = AlertTable.activeKey(alert);
    if (this.active.get(activeKey) === alert.id) this.active.delete(activeKey);
    if (alert.incidentId !== null) {
      const setKey = key(alert.tenantId, alert.incidentId);
      const set = this.byIncident.get(setKey);
      set?.delete(alert.id);
      if (set?.size === 0) this.byIncident.delete(setKey);
    }
    this.recent.get(alert.tenantId)?.remove(timeKey(alert.startedAt), alert.id);
  }
}
