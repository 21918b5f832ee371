import type { IncidentEvent } from '../../../model/index.js';
import { suiteOf } from '../assert.js';
import { makeEventDraft, makeIncident, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('events');

/**
 * Order of two event ids: numerically when both are decimal integers (a bigserial), else
 * as strings. Negative when `a` is older.
 */
export function compareEventIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const ids = (items: { id: string }[]) => items.map((e) => e.id);

/** The durable event log behind the bus (SSE `Last-Event-ID` resume). */
export function eventChecks(): ConformanceCheck[] {
  return [
    check(
      'append() assigns an id and stores the event; get() reads it back',
      async ({ storage, tenantId, newId }) => {
        const incident = makeIncident({ tenantId });
        const draft = makeEventDraft(incident);
        const event = await storage.events.append(draft);
        expect(typeof event.id).toBe('string');
        expect(event.id.length).toBeGreaterThan(0);
        expect(event).toEqual({ ...draft, id: event.id });
        expect(await storage.events.get(tenantId, event.id)).toEqual(event);
        expect(await storage.events.get(tenantId, newId('evt'))).toBeNull();
      },
    ),
    check('ids increase with every append (numerically past 9 → 10)', async ({ storage, tenantId }) => {
      const incident = makeIncident({ tenantId });
      const appended: IncidentEvent[] = [];
      for (let i = 0; i < 12; i++) appended.push(await storage.events.append(makeEventDraft(incident)));
      for (let i = 1; i < appended.length; i++) {
        expect(
          compareEventIds(appended[i - 1]!.id, appended[i]!.id),
          `${appended[i - 1]!.id} < ${appended[i]!.id}`,
        ).toBe(-1);
      }
      expect(ids(await storage.events.listAfter(tenantId, { afterId: null }))).toEqual(ids(appended));
    }),
    check('listAfter() returns events strictly after afterId, oldest first, up to limit', async (ctx) => {
      const { storage, tenantId } = ctx;
      const incident = makeIncident({ tenantId });
      const appended: IncidentEvent[] = [];
      for (let i = 0; i < 11; i++) {
        appended.push(await storage.events.append(makeEventDraft(incident, { at: minutesAfterBase(i) })));
      }
      expect(ids(await storage.events.listAfter(tenantId, { afterId: appended[8]!.id }))).toEqual(
        ids(appended.slice(9)),
      );
      expect(ids(await storage.events.listAfter(tenantId, { afterId: appended[2]!.id, limit: 3 }))).toEqual(
        ids(appended.slice(3, 6)),
      );
      expect(await storage.events.listAfter(tenantId, { afterId: appended[10]!.id })).toEqual([]);
      expect(ids(await storage.events.listAfter(tenantId, { afterId: null, limit: 2 }))).toEqual(
        ids(appended.slice(0, 2)),
      );
    }),
    check('listAfter() filters by incidentId', async ({ storage, tenantId }) => {
      const a = makeIncident({ tenantId });
      const b = makeIncident({ tenantId });
      const a1 = await storage.events.append(makeEventDraft(a));
      const b1 = await storage.events.append(makeEventDraft(b));
      const a2 = await storage.events.append({
        type: 'incident.updated',
        tenantId,
        incidentId: a.id,
        at: minutesAfterBase(1),
        incident: { ...a, status: 'analyzed' },
        changes: ['status'],
      });
      expect(ids(await storage.events.listAfter(tenantId, { afterId: null, incidentId: a.id }))).toEqual([
        a1.id,
        a2.id,
      ]);
      expect(ids(await storage.events.listAfter(tenantId, { afterId: a1.id, incidentId: a.id }))).toEqual([
        a2.id,
      ]);
      expect(ids(await storage.events.listAfter(tenantId, { afterId: null, incidentId: b.id }))).toEqual([
        b1.id,
      ]);
      const [updated] = await storage.events.listAfter(tenantId, { afterId: b1.id, incidentId: a.id });
      expect(updated).toEqual(a2);
    }),
    check(
      'records are copies: mutating inputs or results does not change storage',
      async ({ storage, tenantId }) => {
        const incident = makeIncident({ tenantId, title: 'original title' });
        const draft = makeEventDraft(structuredClone(incident));
        const event = await storage.events.append(draft);
        if (draft.type === 'incident.created') draft.incident.title = 'mutated input';
        if (event.type === 'incident.created') event.incident.title = 'mutated result';
        const read = await storage.events.get(tenantId, event.id);
        expect(read?.type === 'incident.created' && read.incident.title).toBe('original title');
      },
    ),
  ];
}
