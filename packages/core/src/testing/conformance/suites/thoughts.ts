import { suiteOf } from '../assert.js';
import { makeIncident, makeThoughtDraft, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('thoughts');

const seqs = (items: { seq: number }[]) => items.map((t) => t.seq);

/** Thought streams: seq assignment, order, afterSeq and clientKey idempotency. */
export function thoughtChecks(): ConformanceCheck[] {
  return [
    check(
      'append() assigns seq 1, 2, … in draft order and ids from newId',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const id1 = newId('th');
        const id2 = newId('th');
        const queue = [id1, id2];
        const stored = await storage.thoughts.append(
          tenantId,
          incident.id,
          [makeThoughtDraft({ content: 'first' }), makeThoughtDraft({ content: 'second', kind: 'system' })],
          () => queue.shift() ?? newId('th'),
        );
        expect(stored).toEqual([
          {
            id: id1,
            tenantId,
            incidentId: incident.id,
            seq: 1,
            content: 'first',
            kind: 'investigation',
            clientKey: null,
            createdAt: minutesAfterBase(0),
          },
          {
            id: id2,
            tenantId,
            incidentId: incident.id,
            seq: 2,
            content: 'second',
            kind: 'system',
            clientKey: null,
            createdAt: minutesAfterBase(0),
          },
        ]);
      },
    ),
    check('later appends continue the sequence without gaps; each incident has its own', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const a = await storage.incidents.create(makeIncident({ tenantId }));
      const b = await storage.incidents.create(makeIncident({ tenantId }));
      await storage.thoughts.append(tenantId, a.id, [makeThoughtDraft(), makeThoughtDraft()], () =>
        newId('th'),
      );
      const next = await storage.thoughts.append(
        tenantId,
        a.id,
        [makeThoughtDraft({ content: 'third' })],
        () => newId('th'),
      );
      expect(seqs(next)).toEqual([3]);
      expect(
        seqs(await storage.thoughts.append(tenantId, b.id, [makeThoughtDraft()], () => newId('th'))),
      ).toEqual([1]);
      expect(await storage.thoughts.append(tenantId, a.id, [], () => newId('th'))).toEqual([]);
      expect(seqs(await storage.thoughts.list(tenantId, a.id))).toEqual([1, 2, 3]);
    }),
    check(
      'list() returns thoughts in seq order, after a seq and up to a limit',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        for (let i = 1; i <= 5; i++) {
          await storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft({ content: `t${i}` })], () =>
            newId('th'),
          );
        }
        const all = await storage.thoughts.list(tenantId, incident.id);
        expect(all.map((t) => t.content)).toEqual(['t1', 't2', 't3', 't4', 't5']);
        expect(seqs(await storage.thoughts.list(tenantId, incident.id, { afterSeq: 3 }))).toEqual([4, 5]);
        expect(seqs(await storage.thoughts.list(tenantId, incident.id, { afterSeq: 1, limit: 2 }))).toEqual([
          2, 3,
        ]);
        expect(seqs(await storage.thoughts.list(tenantId, incident.id, { afterSeq: 5 }))).toEqual([]);
        expect(await storage.thoughts.list(tenantId, newId('inc'))).toEqual([]);
      },
    ),
    check('a draft whose clientKey exists is skipped and the stored thought returned', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const [first] = await storage.thoughts.append(
        tenantId,
        incident.id,
        [makeThoughtDraft({ content: 'original', clientKey: 'k1' })],
        () => newId('th'),
      );
      const again = await storage.thoughts.append(
        tenantId,
        incident.id,
        [
          makeThoughtDraft({ content: 'replayed', clientKey: 'k1' }),
          makeThoughtDraft({ content: 'new', clientKey: 'k2' }),
          makeThoughtDraft({ content: 'new again', clientKey: 'k2' }),
          makeThoughtDraft({ content: 'no key' }),
        ],
        () => newId('th'),
      );
      expect(again[0]).toEqual(first);
      expect(again.map((t) => [t.seq, t.content])).toEqual([
        [1, 'original'],
        [2, 'new'],
        [2, 'new'],
        [3, 'no key'],
      ]);
      const listed = await storage.thoughts.list(tenantId, incident.id);
      expect(listed.map((t) => t.content)).toEqual(['original', 'new', 'no key']);
      // The same key on another incident is another thought.
      const other = await storage.incidents.create(makeIncident({ tenantId }));
      const [elsewhere] = await storage.thoughts.append(
        tenantId,
        other.id,
        [makeThoughtDraft({ clientKey: 'k1' })],
        () => newId('th'),
      );
      expect(elsewhere?.seq).toBe(1);
      expect(elsewhere?.id).not.toBe(first?.id);
    }),
    check(
      'records are copies: mutating results does not change storage',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const draft = makeThoughtDraft({ content: 'kept' });
        const [stored] = await storage.thoughts.append(tenantId, incident.id, [draft], () => newId('th'));
        stored!.content = 'mutated';
        draft.content = 'mutated draft';
        const [listed] = await storage.thoughts.list(tenantId, incident.id);
        listed!.seq = 99;
        const [again] = await storage.thoughts.list(tenantId, incident.id);
        expect(again?.content).toBe('kept');
        expect(again?.seq).toBe(1);
      },
    ),
  ];
}
