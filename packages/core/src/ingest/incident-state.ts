import { normalizeService } from '../correlation/service-name.js';
import { type Incident, SEVERITY_RANK, type Severity, type StoredAlert } from '../model/index.js';

/** An alert that keeps its incident open: a firing alert (changes never do). */
export function isOpenAlert(alert: Pick<StoredAlert, 'kind' | 'status'>): boolean {
  return alert.kind === 'alert' && alert.status === 'firing';
}

/** Incident fields derived from its alerts. */
export type DerivedFields = Pick<Incident, 'affectedServices' | 'alertCount' | 'openAlertCount' | 'severity'>;

/**
 * Recompute the derived fields from every alert of an incident (after a merge, a resolve
 * or a refire). Severity is that of the highest *open* alert; when none is open it is the
 * highest of all alerts, so a quiet incident keeps showing how bad it was; on a manual
 * incident the severity a person chose is a floor. Services only
 * ever grow (the blast radius is history, not current state).
 */
export function deriveFields(incident: Incident, alerts: readonly StoredAlert[]): DerivedFields {
  const services = new Set(incident.affectedServices);
  let open = 0;
  let openSeverity: Severity | null = null;
  let anySeverity: Severity | null = null;
  for (const a of alerts) {
    const s = normalizeService(a.service);
    if (s) services.add(s);
    if (a.kind !== 'alert') continue;
    anySeverity = higher(anySeverity, a.severity);
    if (isOpenAlert(a)) {
      open++;
      openSeverity = higher(openSeverity, a.severity);
    }
  }
  let severity = openSeverity ?? anySeverity ?? incident.severity;
  // A person's severity on a manual incident is a floor: alerts may raise it, never lower it.
  if (incident.origin === 'manual') severity = higher(severity, incident.severity);
  return { affectedServices: [...services], alertCount: alerts.length, openAlertCount: open, severity };
}

/** Fields after one more alert joined (without re-reading every alert). */
export function joinFields(incident: Incident, alert: StoredAlert): DerivedFields {
  const services = new Set(incident.affectedServices);
  const s = normalizeService(alert.service);
  if (s) services.add(s);
  const open = isOpenAlert(alert);
  let severity = incident.severity;
  if (open) {
    const floor = incident.openAlertCount > 0 || incident.origin === 'manual';
    severity = floor ? higher(severity, alert.severity) : alert.severity;
  }
  return {
    affectedServices: [...services],
    alertCount: incident.alertCount + 1,
    openAlertCount: incident.openAlertCount + (open ? 1 : 0),
    severity,
  };
}

/** Names of the fields whose values differ (for `incident.updated.changes`). */
export function changedFields(before: Incident, after: Incident): string[] {
  const out: string[] = [];
  for (const key of Object.keys(after) as (keyof Incident)[]) {
    if (key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.push(key);
  }
  return out;
}

function higher(a: Severity | null, b: Severity): Severity {
  return a === null || SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}
