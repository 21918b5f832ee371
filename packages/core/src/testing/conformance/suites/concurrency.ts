import { AuroraError } from '../../../errors.js';
import { expectAllAuroraErrors, settle, suiteOf } from '../assert.js';
import {
  makeAlert,
  makeChatMessageDraft,
  makeChatSession,
  makeCitationDraft,
  makeEventDraft,
  makeIncident,
  makePostmortemDraft,
  makeThoughtDraft,
} from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';
import { compareEventIds } from './events.js';

const check = suiteOf('concurrency');

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Sequence numbers and unique keys stay correct under parallel writers. */
export function concurrencyChecks(): ConformanceCheck[] {
  return [
    check(
      '50 parallel thought appends get seq 1..50 with no duplicate',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const results = await Promise.all(
          range(50).map((i) =>
            storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft({ content: `t${i}` })], () =>
              newId('th'),
            ),
          ),
        );
        expect(
          results
            .flat()
            .map((t) => t.seq)
            .sort((a, b) => a - b),
        ).toEqual(range(50));
        expect((await storage.thoughts.list(tenantId, incident.id)).map((t) => t.seq)).toEqual(range(50));
      },
    ),
    check('parallel batches keep each batch in order and the whole sequence gap-free', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const batches = await Promise.all(
        range(5).map((b) =>
          storage.thoughts.append(
            tenantId,
            incident.id,
            range(6).map((i) => makeThoughtDraft({ content: `b${b}-${i}` })),
            () => newId('th'),
          ),
        ),
      );
      for (const batch of batches) {
        const seqs = batch.map((t) => t.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
      expect((await storage.thoughts.list(tenantId, incident.id)).map((t) => t.seq)).toEqual(range(30));
    }),
    check(
      'parallel appends with one thought clientKey store it once',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const results = await Promise.all(
          range(10).map(() =>
            storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft({ clientKey: 'same' })], () =>
              newId('th'),
            ),
          ),
        );
        expect(new Set(results.map((r) => r[0]?.id)).size).toBe(1);
        expect(await storage.thoughts.list(tenantId, incident.id)).toHaveLength(1);
      },
    ),
    check('20 parallel citation appends get unique keys "1".."20"', async ({ storage, tenantId, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const results = await Promise.all(
        range(20).map(() =>
          storage.citations.append(tenantId, incident.id, makeCitationDraft(), () => newId('cit')),
        ),
      );
      expect(results.map((c) => Number(c.key)).sort((a, b) => a - b)).toEqual(range(20));
      expect((await storage.citations.list(tenantId, incident.id)).map((c) => c.key)).toEqual(
        range(20).map(String),
      );
    }),
    check(
      'parallel citation appends with one clientKey store it once',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const results = await Promise.all(
          range(10).map(() =>
            storage.citations.append(tenantId, incident.id, makeCitationDraft({ clientKey: 'call-1' }), () =>
              newId('cit'),
            ),
          ),
        );
        expect(new Set(results.map((c) => c.id)).size).toBe(1);
        expect(results.every((c) => c.key === '1')).toBe(true);
        expect(await storage.citations.list(tenantId, incident.id)).toHaveLength(1);
      },
    ),
    check('parallel chat messages and postmortem saves get gap-free seq and versions', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const session = await storage.chat.createSession(
        makeChatSession({ tenantId, incidentId: incident.id }),
      );
      const [messages, postmortems] = await Promise.all([
        Promise.all(
          range(20).map(() =>
            storage.chat.appendMessage(tenantId, session.id, makeChatMessageDraft(), () => newId('msg')),
          ),
        ),
        Promise.all(
          range(10).map(() =>
            storage.postmortems.save(tenantId, incident.id, makePostmortemDraft(), () => newId('pm')),
          ),
        ),
      ]);
      expect(messages.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(20));
      expect(postmortems.map((p) => p.version).sort((a, b) => a - b)).toEqual(range(10));
      expect((await storage.postmortems.latest(tenantId, incident.id))?.version).toBe(10);
    }),
    check(
      'parallel inserts of the same active alert: exactly one succeeds, the rest CONFLICT',
      async (ctx) => {
        const { storage, tenantId } = ctx;
        const { ok, failed } = await settle(
          range(10).map(() => storage.alerts.insert(makeAlert({ tenantId, fingerprint: 'fp-race' }))),
        );
        expect(ok).toHaveLength(1);
        expect(failed).toHaveLength(9);
        expectAllAuroraErrors(failed, 'CONFLICT');
        expect((await storage.alerts.findActive(tenantId, 'grafana', 'fp-race'))?.id).toBe(ok[0]?.id);
      },
    ),
    check(
      'parallel ifVersion updates: exactly one wins, the rest CONFLICT',
      async ({ storage, tenantId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const { ok, failed } = await settle(
          range(10).map((i) =>
            storage.incidents.update(
              tenantId,
              incident.id,
              { title: `writer ${i}` },
              { ifVersion: incident.version },
            ),
          ),
        );
        expect(ok).toHaveLength(1);
        expectAllAuroraErrors(failed, 'CONFLICT');
        const stored = await storage.incidents.get(tenantId, incident.id);
        expect(stored?.version).toBe(incident.version + 1);
        expect(stored?.title).toBe(ok[0]?.title);
      },
    ),
    check('parallel plain updates all apply: version counts every one', async ({ storage, tenantId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const results = await Promise.all(
        range(10).map((i) => storage.incidents.update(tenantId, incident.id, { alertCount: i })),
      );
      expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
        range(10).map((i) => incident.version + i),
      );
      expect((await storage.incidents.get(tenantId, incident.id))?.version).toBe(incident.version + 10);
    }),
    check(
      'parallel event appends get unique, increasing ids and all are listed',
      async ({ storage, tenantId }) => {
        const incident = makeIncident({ tenantId });
        const events = await Promise.all(
          range(30).map(() => storage.events.append(makeEventDraft(incident))),
        );
        expect(new Set(events.map((e) => e.id)).size).toBe(30);
        const listed = (await storage.events.listAfter(tenantId, { afterId: null })).map((e) => e.id);
        expect([...listed].sort(compareEventIds)).toEqual(listed);
        expect([...listed].sort()).toEqual(events.map((e) => e.id).sort());
      },
    ),
    check('parallel transactions each commit whole', async ({ storage, tenantId, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const outcomes = await settle(
        range(8).map((i) =>
          storage.transaction(async (tx) => {
            await tx.thoughts.append(tenantId, incident.id, [makeThoughtDraft({ content: `tx${i}` })], () =>
              newId('th'),
            );
            const current = await tx.incidents.get(tenantId, incident.id);
            await tx.incidents.update(tenantId, incident.id, { alertCount: (current?.alertCount ?? 0) + 1 });
            if (i % 2 === 0) throw new Error(`abort ${i}`);
          }),
        ),
      );
      expect(outcomes.ok).toHaveLength(4);
      expect(outcomes.failed.every((e) => !AuroraError.isInstance(e))).toBe(true);
      const thoughts = await storage.thoughts.list(tenantId, incident.id);
      expect(thoughts.map((t) => t.content).sort()).toEqual(['tx1', 'tx3', 'tx5', 'tx7']);
      expect(thoughts.map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    }),
  ];
}
