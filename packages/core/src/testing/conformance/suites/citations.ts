import { suiteOf } from '../assert.js';
import { makeCitationDraft, makeIncident } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('citations');

/** Citation keys "1", "2", … per incident, numeric order, clientKey idempotency. */
export function citationChecks(): ConformanceCheck[] {
  return [
    check(
      'append() assigns key "1", then "2", with the id from newId',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const id = newId('cit');
        const draft = makeCitationDraft({
          status: 'error',
          reason: 'exit code 1',
          origin: 'chat',
          clientKey: 'call-1',
        });
        const first = await storage.citations.append(tenantId, incident.id, draft, () => id);
        expect(first).toEqual({ ...draft, id, tenantId, incidentId: incident.id, key: '1' });
        const second = await storage.citations.append(tenantId, incident.id, makeCitationDraft(), () =>
          newId('cit'),
        );
        expect(second.key).toBe('2');
        expect(second.reason).toBeNull();
        expect(second.origin).toBe('investigation');
        expect(second.clientKey).toBeNull();
        expect(await storage.citations.get(tenantId, incident.id, '1')).toEqual(first);
        expect(await storage.citations.get(tenantId, incident.id, '2')).toEqual(second);
        expect(await storage.citations.get(tenantId, incident.id, '3')).toBeNull();
      },
    ),
    check('keys are per incident', async ({ storage, tenantId, newId }) => {
      const a = await storage.incidents.create(makeIncident({ tenantId }));
      const b = await storage.incidents.create(makeIncident({ tenantId }));
      await storage.citations.append(tenantId, a.id, makeCitationDraft(), () => newId('cit'));
      await storage.citations.append(tenantId, a.id, makeCitationDraft(), () => newId('cit'));
      const onB = await storage.citations.append(tenantId, b.id, makeCitationDraft(), () => newId('cit'));
      expect(onB.key).toBe('1');
      expect((await storage.citations.list(tenantId, b.id)).map((c) => c.key)).toEqual(['1']);
    }),
    check('list() is in numeric key order ("10" after "9")', async ({ storage, tenantId, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      for (let i = 1; i <= 12; i++) {
        await storage.citations.append(
          tenantId,
          incident.id,
          makeCitationDraft({ command: `cmd ${i}` }),
          () => newId('cit'),
        );
      }
      const listed = await storage.citations.list(tenantId, incident.id);
      expect(listed.map((c) => c.key)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
        '11',
        '12',
      ]);
      expect(listed.map((c) => c.command)).toEqual(Array.from({ length: 12 }, (_, i) => `cmd ${i + 1}`));
      expect((await storage.citations.get(tenantId, incident.id, '10'))?.command).toBe('cmd 10');
      expect(await storage.citations.list(tenantId, newId('inc'))).toEqual([]);
    }),
    check('a draft whose clientKey exists returns the stored citation unchanged', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const first = await storage.citations.append(
        tenantId,
        incident.id,
        makeCitationDraft({ output: 'original', clientKey: 'call-7' }),
        () => newId('cit'),
      );
      const replay = await storage.citations.append(
        tenantId,
        incident.id,
        makeCitationDraft({ output: 'replayed', clientKey: 'call-7' }),
        () => newId('cit'),
      );
      expect(replay).toEqual(first);
      const next = await storage.citations.append(
        tenantId,
        incident.id,
        makeCitationDraft({ clientKey: 'call-8' }),
        () => newId('cit'),
      );
      expect(next.key).toBe('2');
      expect((await storage.citations.list(tenantId, incident.id)).map((c) => c.output)).toEqual([
        'original',
        next.output,
      ]);
    }),
    check(
      'records are copies: mutating results does not change storage',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const draft = makeCitationDraft({ input: { args: ['get', 'pods'] } });
        const stored = await storage.citations.append(tenantId, incident.id, draft, () => newId('cit'));
        stored.output = 'mutated';
        (draft.input as { args: string[] }).args.push('mutated');
        const [listed] = await storage.citations.list(tenantId, incident.id);
        expect(listed?.output).toBe(makeCitationDraft().output);
        expect(listed?.input).toEqual({ args: ['get', 'pods'] });
      },
    ),
  ];
}
