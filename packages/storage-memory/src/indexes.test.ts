import type { Incident, IncidentStatus } from '@aurora-rca/core';
import { BASE_TIME, makeIncident } from '@aurora-rca/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memory-storage.js';

const tenantId = 'tenant-idx';
const SERVICES = ['checkout', 'payments', 'cart', 'search'];
const STATUSES: IncidentStatus[] = ['investigating', 'analyzed', 'resolved', 'merged'];
const iso = (minutes: number) => new Date(BASE_TIME + minutes * 60_000).toISOString();
const desc = (a: Incident, b: Incident, field: 'lastAlertAt' | 'startedAt') =>
  Date.parse(b[field]) - Date.parse(a[field]) || (a.id < b.id ? 1 : -1);

/** What findActive must return, computed by scanning everything. */
function bruteFindActive(
  all: Incident[],
  since: string,
  services: string[] | undefined,
  limit: number,
): string[] {
  return all
    .filter((i) => i.status === 'investigating' || i.status === 'analyzed')
    .filter((i) => Date.parse(i.lastAlertAt) >= Date.parse(since))
    .filter((i) => !services || i.affectedServices.some((s) => services.includes(s)))
    .sort((a, b) => desc(a, b, 'lastAlertAt'))
    .slice(0, limit)
    .map((i) => i.id);
}

const incidentArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  startedAt: fc.integer({ min: 0, max: 30 }),
  lastAlertAt: fc.integer({ min: 0, max: 30 }),
  affectedServices: fc.subarray(SERVICES),
});
const updateArb = fc.record({
  target: fc.nat(),
  status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
  lastAlertAt: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  affectedServices: fc.option(fc.subarray(SERVICES), { nil: undefined }),
});

describe('memoryStorage indexes', () => {
  it('findActive and list agree with a full scan after any creates and updates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(incidentArb, { minLength: 1, maxLength: 40 }),
        fc.array(updateArb, { maxLength: 20 }),
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.subarray(SERVICES, { minLength: 1 }), { nil: undefined }),
        fc.integer({ min: 1, max: 15 }),
        async (inputs, updates, since, services, limit) => {
          const storage = memoryStorage();
          const byId = new Map<string, Incident>();
          for (const input of inputs) {
            const incident = makeIncident({
              tenantId,
              status: input.status,
              startedAt: iso(input.startedAt),
              lastAlertAt: iso(input.lastAlertAt),
              affectedServices: input.affectedServices,
            });
            byId.set(incident.id, await storage.incidents.create(incident));
          }
          const ids = [...byId.keys()];
          for (const u of updates) {
            const id = ids[u.target % ids.length]!;
            const patch = {
              ...(u.status ? { status: u.status } : {}),
              ...(u.lastAlertAt !== undefined ? { lastAlertAt: iso(u.lastAlertAt) } : {}),
              ...(u.affectedServices ? { affectedServices: u.affectedServices } : {}),
            };
            byId.set(id, await storage.incidents.update(tenantId, id, patch));
          }
          const all = [...byId.values()];
          const found = await storage.incidents.findActive(tenantId, { since: iso(since), services, limit });
          expect(found.map((i) => i.id)).toEqual(bruteFindActive(all, iso(since), services, limit));

          const expectedList = all
            .filter((i) => i.status !== 'merged')
            .sort((a, b) => desc(a, b, 'startedAt'))
            .map((i) => i.id);
          const listed: string[] = [];
          let cursor: string | null = null;
          do {
            const page = await storage.incidents.list(tenantId, { limit, cursor });
            listed.push(...page.items.map((i) => i.id));
            cursor = page.nextCursor;
          } while (cursor);
          expect(listed).toEqual(expectedList);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('returns the right candidates among 20,000 open incidents', async () => {
    const storage = memoryStorage();
    const template = makeIncident({ tenantId });
    const target: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const service = `svc-${i % 500}`;
      const incident: Incident = {
        ...template,
        id: `inc_${String(i).padStart(6, '0')}`,
        affectedServices: [service],
        lastAlertAt: new Date(BASE_TIME + i * 1000).toISOString(),
      };
      await storage.incidents.create(incident);
      if (service === 'svc-7') target.push(incident.id);
    }
    const since = new Date(BASE_TIME + 15_000 * 1000).toISOString();
    const found = await storage.incidents.findActive(tenantId, { since, services: ['svc-7'], limit: 100 });
    const expected = target.filter((_, n) => n * 500 + 7 >= 15_000).reverse();
    expect(found.map((i) => i.id)).toEqual(expected);
    expect(await storage.incidents.findActive(tenantId, { since, limit: 3 })).toHaveLength(3);
  });
});
