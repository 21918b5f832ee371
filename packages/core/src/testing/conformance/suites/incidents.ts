import type { IncidentPatch } from '../../../model/index.js';
import { expectAuroraError, suiteOf } from '../assert.js';
import { makeIncident, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('incidents');

/** Create, get, update, versions and conditional updates. */
export function incidentChecks(): ConformanceCheck[] {
  return [
    check('create() returns the record and get() reads it back unchanged', async ({ storage, tenantId }) => {
      const incident = makeIncident({
        tenantId,
        summary: 'Pods OOM-killed',
        confidence: 'likely',
        ruledOut: ['network'],
        affectedServices: ['checkout', 'payments'],
        analyzedAt: minutesAfterBase(3),
      });
      const created = await storage.incidents.create(incident);
      expect(created).toEqual(incident);
      const read = await storage.incidents.get(tenantId, incident.id);
      expect(read).toEqual(incident);
      expect(typeof read?.startedAt).toBe('string');
      expect(read?.analyzedAt).toBe(minutesAfterBase(3));
    }),
    check('get() of an unknown id is null', async ({ storage, tenantId, newId }) => {
      expect(await storage.incidents.get(tenantId, newId('inc'))).toBeNull();
    }),
    check(
      'create() with an existing id fails with CONFLICT and keeps the first',
      async ({ storage, tenantId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId, title: 'first' }));
        await expectAuroraError(storage.incidents.create({ ...incident, title: 'second' }), 'CONFLICT');
        expect((await storage.incidents.get(tenantId, incident.id))?.title).toBe('first');
      },
    ),
    check(
      'records are copies: mutating inputs or results does not change storage',
      async ({ storage, tenantId }) => {
        const incident = makeIncident({ tenantId, affectedServices: ['checkout'] });
        const created = await storage.incidents.create(incident);
        incident.title = 'mutated input';
        incident.affectedServices.push('mutated');
        created.title = 'mutated result';
        created.affectedServices.push('mutated');
        const read = await storage.incidents.get(tenantId, incident.id);
        expect(read?.title).toBe('checkout latency above SLO');
        expect(read?.affectedServices).toEqual(['checkout']);
        read!.ruledOut.push('mutated');
        const updated = await storage.incidents.update(tenantId, incident.id, { summary: 's' });
        updated.affectedServices.push('mutated');
        const again = await storage.incidents.get(tenantId, incident.id);
        expect(again?.ruledOut).toEqual([]);
        expect(again?.affectedServices).toEqual(['checkout']);
      },
    ),
    check(
      'update() applies the patch, bumps version and keeps other fields',
      async ({ storage, tenantId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const updated = await storage.incidents.update(tenantId, incident.id, {
          status: 'analyzed',
          auroraStatus: 'complete',
          rootCause: 'memory limit',
          affectedServices: ['checkout', 'cart'],
        });
        expect(updated).toMatchObject({
          id: incident.id,
          tenantId,
          title: incident.title,
          status: 'analyzed',
          auroraStatus: 'complete',
          rootCause: 'memory limit',
          affectedServices: ['checkout', 'cart'],
          createdAt: incident.createdAt,
          version: incident.version + 1,
        });
        expect(await storage.incidents.get(tenantId, incident.id)).toEqual(updated);
        const again = await storage.incidents.update(tenantId, incident.id, { summary: 'done' });
        expect(again.version).toBe(incident.version + 2);
        expect(again.rootCause).toBe('memory limit');
      },
    ),
    check('update() sets updatedAt from the patch, or to the current time', async ({ storage, tenantId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const at = minutesAfterBase(42);
      const patched = await storage.incidents.update(tenantId, incident.id, {
        title: 'renamed',
        updatedAt: at,
      } as IncidentPatch);
      expect(patched.updatedAt).toBe(at);
      const now = await storage.incidents.update(tenantId, incident.id, { title: 'again' });
      expect(typeof now.updatedAt).toBe('string');
      expect(Number.isNaN(Date.parse(now.updatedAt))).toBe(false);
      expect(now.updatedAt).not.toBe(at);
    }),
    check('update() of an unknown id fails with NOT_FOUND', async ({ storage, tenantId, newId }) => {
      await expectAuroraError(storage.incidents.update(tenantId, newId('inc'), { title: 'x' }), 'NOT_FOUND');
    }),
    check(
      'update() with ifVersion succeeds on the stored version and fails with CONFLICT otherwise',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const v2 = await storage.incidents.update(
          tenantId,
          incident.id,
          { title: 'v2' },
          { ifVersion: incident.version },
        );
        expect(v2.version).toBe(incident.version + 1);
        await expectAuroraError(
          storage.incidents.update(
            tenantId,
            incident.id,
            { title: 'stale' },
            { ifVersion: incident.version },
          ),
          'CONFLICT',
        );
        const read = await storage.incidents.get(tenantId, incident.id);
        expect(read?.title).toBe('v2');
        expect(read?.version).toBe(v2.version);
      },
    ),
    check(
      'update() with ifStatus succeeds on a listed status and fails with CONFLICT otherwise',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const incident = await storage.incidents.create(makeIncident({ tenantId, status: 'investigating' }));
        await expectAuroraError(
          storage.incidents.update(tenantId, incident.id, { status: 'resolved' }, { ifStatus: ['analyzed'] }),
          'CONFLICT',
        );
        expect((await storage.incidents.get(tenantId, incident.id))?.status).toBe('investigating');
        const resolved = await storage.incidents.update(
          tenantId,
          incident.id,
          { status: 'resolved', resolvedAt: minutesAfterBase(30) },
          { ifStatus: ['investigating', 'analyzed'] },
        );
        expect(resolved.status).toBe('resolved');
        expect(resolved.resolvedAt).toBe(minutesAfterBase(30));
      },
    ),
  ];
}
