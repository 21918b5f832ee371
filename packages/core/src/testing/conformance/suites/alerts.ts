import { expectAuroraError, suiteOf } from '../assert.js';
import { makeAlert, makeIncident, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('alerts');

const ids = (items: { id: string }[]) => items.map((i) => i.id);

/** Stored alerts, the active-fingerprint dedup key, moves and recent queries. */
export function alertChecks(): ConformanceCheck[] {
  return [
    check(
      'insert() returns the alert and get() reads it back unchanged (raw, labels, correlation)',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const alert = makeAlert({
          tenantId,
          incidentId: incident.id,
          correlation: {
            strategy: 'service',
            score: 0.82,
            details: { service: { score: 1, reason: 'same service' } },
            shadow: false,
            wouldJoinIncidentId: null,
          },
          raw: { nested: { list: [1, 'two', null], flag: true } },
        });
        expect(await storage.alerts.insert(alert)).toEqual(alert);
        expect(await storage.alerts.get(tenantId, alert.id)).toEqual(alert);
      },
    ),
    check('get() of an unknown id is null', async ({ storage, tenantId, newId }) => {
      expect(await storage.alerts.get(tenantId, newId('alr'))).toBeNull();
    }),
    check(
      'records are copies: mutating inputs or results does not change storage',
      async ({ storage, tenantId }) => {
        const alert = makeAlert({ tenantId });
        const inserted = await storage.alerts.insert(alert);
        alert.labels.mutated = 'input';
        inserted.labels.mutated = 'result';
        (inserted.raw as { receiver: string }).receiver = 'mutated';
        const read = await storage.alerts.get(tenantId, alert.id);
        expect(read?.labels).toEqual({ alertname: 'HighLatency', namespace: 'shop' });
        expect((read?.raw as { receiver?: string } | undefined)?.receiver).toBe('aurora');
      },
    ),
    check(
      'insert() of a second active alert with the same source and fingerprint fails with CONFLICT',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const first = await storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-dup' }));
        await expectAuroraError(
          storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-dup' })),
          'CONFLICT',
        );
        expect((await storage.alerts.findActive(tenantId, 'grafana', 'fp-dup'))?.id).toBe(first.id);
        // Another source or another fingerprint is another alert.
        await storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-dup', source: 'datadog' }));
        await storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-other' }));
      },
    ),
    check('an inactive alert does not block a new active one with the same fingerprint', async (ctx) => {
      const { storage, tenantId } = ctx;
      const old = await storage.alerts.insert(
        makeAlert({ tenantId, fingerprint: 'fp-again', active: false }),
      );
      const fresh = await storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-again' }));
      expect((await storage.alerts.findActive(tenantId, 'grafana', 'fp-again'))?.id).toBe(fresh.id);
      await storage.alerts.update(tenantId, fresh.id, { active: false, status: 'resolved' });
      expect(await storage.alerts.findActive(tenantId, 'grafana', 'fp-again')).toBeNull();
      const third = await storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-again' }));
      expect((await storage.alerts.findActive(tenantId, 'grafana', 'fp-again'))?.id).toBe(third.id);
      expect((await storage.alerts.get(tenantId, old.id))?.active).toBe(false);
    }),
    check('findActive() is null for an unknown fingerprint', async ({ storage, tenantId }) => {
      expect(await storage.alerts.findActive(tenantId, 'grafana', 'never-seen')).toBeNull();
    }),
    check('update() patches and returns the alert; an unknown id fails with NOT_FOUND', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const alert = await storage.alerts.insert(makeAlert({ tenantId }));
      const updated = await storage.alerts.update(tenantId, alert.id, {
        status: 'resolved',
        endedAt: minutesAfterBase(9),
        occurrences: 3,
        labels: { alertname: 'HighLatency', pod: 'checkout-7d9' },
        updatedAt: minutesAfterBase(9),
      });
      expect(updated).toEqual({
        ...alert,
        status: 'resolved',
        endedAt: minutesAfterBase(9),
        occurrences: 3,
        labels: { alertname: 'HighLatency', pod: 'checkout-7d9' },
        updatedAt: minutesAfterBase(9),
      });
      expect(await storage.alerts.get(tenantId, alert.id)).toEqual(updated);
      await expectAuroraError(storage.alerts.update(tenantId, newId('alr'), { occurrences: 2 }), 'NOT_FOUND');
    }),
    check(
      'listByIncident() lists an incident’s alerts, oldest receivedAt first',
      async ({ storage, tenantId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const other = await storage.incidents.create(makeIncident({ tenantId }));
        const late = await storage.alerts.insert(
          makeAlert({ tenantId, incidentId: incident.id, receivedAt: minutesAfterBase(5) }),
        );
        const early = await storage.alerts.insert(
          makeAlert({ tenantId, incidentId: incident.id, receivedAt: minutesAfterBase(1) }),
        );
        await storage.alerts.insert(makeAlert({ tenantId, incidentId: other.id }));
        expect(ids(await storage.alerts.listByIncident(tenantId, incident.id))).toEqual([early.id, late.id]);
        const attached = await storage.alerts.insert(
          makeAlert({ tenantId, receivedAt: minutesAfterBase(9) }),
        );
        await storage.alerts.update(tenantId, attached.id, { incidentId: incident.id });
        expect(ids(await storage.alerts.listByIncident(tenantId, incident.id))).toEqual([
          early.id,
          late.id,
          attached.id,
        ]);
      },
    ),
    check('moveToIncident() moves every alert and returns the count', async ({ storage, tenantId }) => {
      const from = await storage.incidents.create(makeIncident({ tenantId }));
      const to = await storage.incidents.create(makeIncident({ tenantId }));
      const a = await storage.alerts.insert(
        makeAlert({ tenantId, incidentId: from.id, receivedAt: minutesAfterBase(1) }),
      );
      const b = await storage.alerts.insert(
        makeAlert({ tenantId, incidentId: from.id, receivedAt: minutesAfterBase(2) }),
      );
      const c = await storage.alerts.insert(
        makeAlert({ tenantId, incidentId: to.id, receivedAt: minutesAfterBase(0) }),
      );
      expect(await storage.alerts.moveToIncident(tenantId, from.id, to.id)).toBe(2);
      expect(await storage.alerts.listByIncident(tenantId, from.id)).toEqual([]);
      expect(ids(await storage.alerts.listByIncident(tenantId, to.id))).toEqual([c.id, a.id, b.id]);
      expect((await storage.alerts.get(tenantId, a.id))?.incidentId).toBe(to.id);
      expect(await storage.alerts.moveToIncident(tenantId, from.id, to.id)).toBe(0);
    }),
    check(
      'deactivateByIncident() marks the incident’s alerts inactive and returns the count',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const other = await storage.incidents.create(makeIncident({ tenantId }));
        const a = await storage.alerts.insert(
          makeAlert({ tenantId, incidentId: incident.id, fingerprint: 'fp-a' }),
        );
        await storage.alerts.insert(makeAlert({ tenantId, incidentId: incident.id }));
        const kept = await storage.alerts.insert(makeAlert({ tenantId, incidentId: other.id }));
        expect(await storage.alerts.deactivateByIncident(tenantId, incident.id)).toBe(2);
        expect((await storage.alerts.listByIncident(tenantId, incident.id)).map((x) => x.active)).toEqual([
          false,
          false,
        ]);
        expect(await storage.alerts.findActive(tenantId, 'grafana', 'fp-a')).toBeNull();
        expect((await storage.alerts.get(tenantId, a.id))?.active).toBe(false);
        expect((await storage.alerts.get(tenantId, kept.id))?.active).toBe(true);
        await storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-a' }));
      },
    ),
    check(
      'listRecent() returns alerts with startedAt ≥ since, newest first, filtered by kind and services',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const old = await storage.alerts.insert(makeAlert({ tenantId, startedAt: minutesAfterBase(-30) }));
        const atSince = await storage.alerts.insert(
          makeAlert({ tenantId, startedAt: minutesAfterBase(-10) }),
        );
        const deploy = await storage.alerts.insert(
          makeAlert({ tenantId, kind: 'change', service: 'checkout', startedAt: minutesAfterBase(-5) }),
        );
        const payments = await storage.alerts.insert(
          makeAlert({ tenantId, service: 'payments', startedAt: minutesAfterBase(-2) }),
        );
        const paymentsDeploy = await storage.alerts.insert(
          makeAlert({ tenantId, kind: 'change', service: 'payments', startedAt: minutesAfterBase(-1) }),
        );
        const since = minutesAfterBase(-10);
        const all = await storage.alerts.listRecent(tenantId, { since });
        expect(ids(all)).toEqual([paymentsDeploy.id, payments.id, deploy.id, atSince.id]);
        expect(ids(all)).not.toContain(old.id);
        expect(ids(await storage.alerts.listRecent(tenantId, { since, kind: 'change' }))).toEqual([
          paymentsDeploy.id,
          deploy.id,
        ]);
        expect(ids(await storage.alerts.listRecent(tenantId, { since, services: ['payments'] }))).toEqual([
          paymentsDeploy.id,
          payments.id,
        ]);
        expect(
          ids(
            await storage.alerts.listRecent(tenantId, {
              since,
              kind: 'change',
              services: ['checkout', 'search'],
            }),
          ),
        ).toEqual([deploy.id]);
        expect(ids(await storage.alerts.listRecent(tenantId, { since, limit: 2 }))).toEqual([
          paymentsDeploy.id,
          payments.id,
        ]);
        expect(all[0]).toEqual(paymentsDeploy);
      },
    ),
  ];
}
