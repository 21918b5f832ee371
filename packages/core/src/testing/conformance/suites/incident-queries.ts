import type { Incident, IncidentInput } from '../../../model/index.js';
import type { Storage } from '../../../spec/storage.js';
import { suiteOf } from '../assert.js';
import { makeIncident, minutesAfterBase, uniqueId } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('incidents');

async function createAll(
  storage: Storage,
  tenantId: string,
  inputs: Partial<IncidentInput>[],
): Promise<Incident[]> {
  const out: Incident[] = [];
  for (const input of inputs) out.push(await storage.incidents.create(makeIncident({ tenantId, ...input })));
  return out;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

/** list (order, cursor, filters, limits), findActive, listMergedInto, countByStatus. */
export function incidentQueryChecks(): ConformanceCheck[] {
  return [
    check('list() is newest first (startedAt desc, then id desc)', async ({ storage, tenantId }) => {
      const tie = minutesAfterBase(5);
      const [a, b, c, d] = await createAll(storage, tenantId, [
        { id: uniqueId('inc'), startedAt: minutesAfterBase(1) },
        { id: uniqueId('inc'), startedAt: tie },
        { id: uniqueId('inc'), startedAt: tie },
        { id: uniqueId('inc'), startedAt: minutesAfterBase(3) },
      ]);
      const page = await storage.incidents.list(tenantId);
      expect(ids(page.items)).toEqual([c!.id, b!.id, d!.id, a!.id]);
      expect(page.nextCursor).toBeNull();
    }),
    check(
      'list() pages with the cursor: every incident exactly once, null cursor at the end',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const created = await createAll(
          storage,
          tenantId,
          Array.from({ length: 7 }, (_, i) => ({ startedAt: minutesAfterBase(i % 3) })),
        );
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await storage.incidents.list(tenantId, { limit: 3, cursor });
          expect(page.items.length).toBeLessThanOrEqual(3);
          seen.push(...ids(page.items));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== null && pages < 10);
        expect(pages).toBe(3);
        expect(seen).toEqual(ids((await storage.incidents.list(tenantId, { limit: 100 })).items));
        expect([...seen].sort()).toEqual(ids(created).sort());
      },
    ),
    check(
      'list() excludes merged unless includeMerged or a status filter asks',
      async ({ storage, tenantId }) => {
        const [open, analyzed, resolved, merged] = await createAll(storage, tenantId, [
          { status: 'investigating', startedAt: minutesAfterBase(4) },
          { status: 'analyzed', startedAt: minutesAfterBase(3) },
          { status: 'resolved', startedAt: minutesAfterBase(2) },
          { status: 'merged', startedAt: minutesAfterBase(1) },
        ]);
        expect(ids((await storage.incidents.list(tenantId)).items)).toEqual([
          open!.id,
          analyzed!.id,
          resolved!.id,
        ]);
        expect(ids((await storage.incidents.list(tenantId, { includeMerged: true })).items)).toEqual(
          ids([open!, analyzed!, resolved!, merged!]),
        );
        expect(ids((await storage.incidents.list(tenantId, { status: 'merged' })).items)).toEqual([
          merged!.id,
        ]);
        expect(ids((await storage.incidents.list(tenantId, { status: 'resolved' })).items)).toEqual([
          resolved!.id,
        ]);
        const both = await storage.incidents.list(tenantId, { status: ['merged', 'investigating'] });
        expect(ids(both.items)).toEqual([open!.id, merged!.id]);
      },
    ),
    check('list() pages a status filter with the cursor', async ({ storage, tenantId }) => {
      const created = await createAll(
        storage,
        tenantId,
        Array.from({ length: 6 }, (_, i) => ({
          status: i % 2 === 0 ? ('resolved' as const) : ('investigating' as const),
          startedAt: minutesAfterBase(i),
        })),
      );
      const first = await storage.incidents.list(tenantId, { status: 'resolved', limit: 2 });
      expect(first.nextCursor).not.toBeNull();
      const second = await storage.incidents.list(tenantId, {
        status: 'resolved',
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.nextCursor).toBeNull();
      expect([...ids(first.items), ...ids(second.items)]).toEqual([
        created[4]!.id,
        created[2]!.id,
        created[0]!.id,
      ]);
    }),
    check('list() returns 50 by default and at most 500', async ({ storage, tenantId }) => {
      const batch = Array.from({ length: 501 }, (_, i) =>
        makeIncident({
          tenantId,
          startedAt: new Date(Date.parse(minutesAfterBase(0)) + i * 1000).toISOString(),
        }),
      );
      for (let i = 0; i < batch.length; i += 50) {
        await Promise.all(batch.slice(i, i + 50).map((incident) => storage.incidents.create(incident)));
      }
      const byDefault = await storage.incidents.list(tenantId);
      expect(byDefault.items).toHaveLength(50);
      expect(byDefault.nextCursor).not.toBeNull();
      const capped = await storage.incidents.list(tenantId, { limit: 1000 });
      expect(capped.items).toHaveLength(500);
      expect(capped.nextCursor).not.toBeNull();
      const rest = await storage.incidents.list(tenantId, { limit: 1000, cursor: capped.nextCursor });
      expect(ids(rest.items)).toEqual([batch[0]!.id]);
    }),
    check('findActive() returns open incidents with lastAlertAt ≥ since, most recent first', async (ctx) => {
      const { storage, tenantId } = ctx;
      const [old, atSince, recent, newest, resolved, merged] = await createAll(storage, tenantId, [
        { lastAlertAt: minutesAfterBase(-20) },
        { lastAlertAt: minutesAfterBase(-5) },
        { lastAlertAt: minutesAfterBase(-2), status: 'analyzed' },
        { lastAlertAt: minutesAfterBase(0) },
        { lastAlertAt: minutesAfterBase(-1), status: 'resolved' },
        { lastAlertAt: minutesAfterBase(-1), status: 'merged' },
      ]);
      const found = await storage.incidents.findActive(tenantId, { since: minutesAfterBase(-5) });
      expect(ids(found)).toEqual([newest!.id, recent!.id, atSince!.id]);
      expect(ids(found)).not.toContain(old!.id);
      expect(ids(found)).not.toContain(resolved!.id);
      expect(ids(found)).not.toContain(merged!.id);
      const limited = await storage.incidents.findActive(tenantId, {
        since: minutesAfterBase(-60),
        limit: 2,
      });
      expect(ids(limited)).toEqual([newest!.id, recent!.id]);
      expect(found[0]).toEqual(newest);
    }),
    check(
      'findActive() with services keeps incidents affecting any of them',
      async ({ storage, tenantId }) => {
        const [checkout, payments, both, other] = await createAll(storage, tenantId, [
          { affectedServices: ['checkout'], lastAlertAt: minutesAfterBase(-4) },
          { affectedServices: ['payments'], lastAlertAt: minutesAfterBase(-3) },
          { affectedServices: ['cart', 'payments', 'checkout'], lastAlertAt: minutesAfterBase(-2) },
          { affectedServices: ['search'], lastAlertAt: minutesAfterBase(-1) },
        ]);
        const since = minutesAfterBase(-10);
        const one = await storage.incidents.findActive(tenantId, { since, services: ['checkout'] });
        expect(ids(one)).toEqual([both!.id, checkout!.id]);
        const many = await storage.incidents.findActive(tenantId, {
          since,
          services: ['payments', 'checkout'],
        });
        expect(ids(many)).toEqual([both!.id, payments!.id, checkout!.id]);
        const limited = await storage.incidents.findActive(tenantId, {
          since,
          services: ['payments', 'checkout'],
          limit: 2,
        });
        expect(ids(limited)).toEqual([both!.id, payments!.id]);
        expect(ids(await storage.incidents.findActive(tenantId, { since, services: ['nothing'] }))).toEqual(
          [],
        );
        expect(ids(await storage.incidents.findActive(tenantId, { since }))).toContain(other!.id);
      },
    ),
    check(
      'findActive() follows updates of lastAlertAt, status and affectedServices',
      async ({ storage, tenantId }) => {
        const [a, b] = await createAll(storage, tenantId, [
          { affectedServices: ['checkout'], lastAlertAt: minutesAfterBase(-30) },
          { affectedServices: ['checkout'], lastAlertAt: minutesAfterBase(-3) },
        ]);
        const query = { since: minutesAfterBase(-10), services: ['checkout'] };
        expect(ids(await storage.incidents.findActive(tenantId, query))).toEqual([b!.id]);
        await storage.incidents.update(tenantId, a!.id, { lastAlertAt: minutesAfterBase(-1) });
        expect(ids(await storage.incidents.findActive(tenantId, query))).toEqual([a!.id, b!.id]);
        await storage.incidents.update(tenantId, a!.id, { status: 'resolved' });
        expect(ids(await storage.incidents.findActive(tenantId, query))).toEqual([b!.id]);
        await storage.incidents.update(tenantId, b!.id, { affectedServices: ['payments'] });
        expect(ids(await storage.incidents.findActive(tenantId, query))).toEqual([]);
        expect(
          ids(await storage.incidents.findActive(tenantId, { ...query, services: ['payments'] })),
        ).toEqual([b!.id]);
      },
    ),
    check(
      'listMergedInto() returns the incidents merged into the target only',
      async ({ storage, tenantId }) => {
        const [target, elsewhere] = await createAll(storage, tenantId, [{}, {}]);
        const [m1, m2] = await createAll(storage, tenantId, [
          { status: 'merged', mergedIntoId: target!.id },
          { status: 'investigating' },
          { status: 'merged', mergedIntoId: elsewhere!.id },
        ]);
        await storage.incidents.update(tenantId, m2!.id, { status: 'merged', mergedIntoId: target!.id });
        const merged = await storage.incidents.listMergedInto(tenantId, target!.id);
        expect(ids(merged).sort()).toEqual([m1!.id, m2!.id].sort());
        expect(merged.find((i) => i.id === m1!.id)).toEqual(m1);
        expect(await storage.incidents.listMergedInto(tenantId, m1!.id)).toEqual([]);
      },
    ),
    check('countByStatus() counts this tenant’s incidents per status', async ({ storage, tenantId }) => {
      const empty = await storage.incidents.countByStatus(tenantId);
      expect(Object.values(empty).filter((n) => n !== 0)).toEqual([]);
      const [a] = await createAll(storage, tenantId, [
        { status: 'investigating' },
        { status: 'investigating' },
        { status: 'analyzed' },
        { status: 'merged' },
      ]);
      await storage.incidents.update(tenantId, a!.id, { status: 'resolved' });
      const counts = await storage.incidents.countByStatus(tenantId);
      expect({
        investigating: counts.investigating ?? 0,
        analyzed: counts.analyzed ?? 0,
        resolved: counts.resolved ?? 0,
        merged: counts.merged ?? 0,
      }).toEqual({ investigating: 1, analyzed: 1, resolved: 1, merged: 1 });
    }),
  ];
}
