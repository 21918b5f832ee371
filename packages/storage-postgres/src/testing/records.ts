import { Incident, StoredAlert } from '@aurora-rca/core';

/** A valid incident for tests, with defaults filled by the model's own schema. */
export function incidentRecord(overrides: Partial<Incident> & { id: string; tenantId: string }): Incident {
  const at = overrides.startedAt ?? '2026-01-01T00:00:00.000Z';
  return Incident.parse({
    title: `Incident ${overrides.id}`,
    severity: 'high',
    status: 'investigating',
    auroraStatus: 'queued',
    startedAt: at,
    lastAlertAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

/** A valid stored alert for tests. */
export function alertRecord(overrides: Partial<StoredAlert> & { id: string; tenantId: string }): StoredAlert {
  const at = overrides.startedAt ?? '2026-01-01T00:00:00.000Z';
  return StoredAlert.parse({
    source: 'grafana',
    fingerprint: 'fp-1',
    title: 'CPU high',
    severity: 'high',
    status: 'firing',
    service: 'checkout',
    startedAt: at,
    receivedAt: at,
    updatedAt: at,
    raw: { alert: overrides.id },
    ...overrides,
  });
}
