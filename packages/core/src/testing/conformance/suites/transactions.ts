import type { Storage, StorageRepositories } from '../../../spec/storage.js';
import { expectAuroraError, suiteOf } from '../assert.js';
import {
  makeAlert,
  makeChatMessageDraft,
  makeChatSession,
  makeCitationDraft,
  makeDeadLetter,
  makeDiagnosticSuggestion,
  makeEventDraft,
  makeIncident,
  makePostmortemDraft,
  makeThoughtDraft,
} from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('transactions');

class Boom extends Error {}

/** `transaction(fn)`: all-or-nothing, visible once committed, returns fn's value. */
export function transactionChecks(): ConformanceCheck[] {
  return [
    check(
      'committed writes are visible afterwards and fn’s value is returned',
      async ({ storage, tenantId, newId }) => {
        const incident = makeIncident({ tenantId });
        const result = await storage.transaction(async (tx) => {
          await tx.incidents.create(incident);
          await tx.alerts.insert(makeAlert({ tenantId, incidentId: incident.id, fingerprint: 'fp-tx' }));
          await tx.thoughts.append(tenantId, incident.id, [makeThoughtDraft()], () => newId('th'));
          const updated = await tx.incidents.update(tenantId, incident.id, { alertCount: 2 });
          return { version: updated.version, marker: 'done' };
        });
        expect(result).toEqual({ version: incident.version + 1, marker: 'done' });
        expect((await storage.incidents.get(tenantId, incident.id))?.alertCount).toBe(2);
        expect(await storage.alerts.findActive(tenantId, 'grafana', 'fp-tx')).not.toBeNull();
        expect(await storage.thoughts.list(tenantId, incident.id)).toHaveLength(1);
      },
    ),
    check('reads inside the transaction see its own writes', async ({ storage, tenantId }) => {
      const incident = makeIncident({ tenantId });
      await storage.transaction(async (tx) => {
        await tx.incidents.create(incident);
        expect((await tx.incidents.get(tenantId, incident.id))?.id).toBe(incident.id);
        await tx.incidents.update(tenantId, incident.id, { title: 'inside' });
        expect((await tx.incidents.get(tenantId, incident.id))?.title).toBe('inside');
        expect(
          (await tx.incidents.findActive(tenantId, { since: incident.lastAlertAt })).map((i) => i.id),
        ).toContain(incident.id);
      });
    }),
    check('when fn throws, none of its writes are visible and the error is rethrown', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const existing = await storage.incidents.create(makeIncident({ tenantId, title: 'before' }));
      const existingAlert = await storage.alerts.insert(makeAlert({ tenantId, incidentId: existing.id }));
      const fresh = makeIncident({ tenantId });
      const session = makeChatSession({ tenantId, incidentId: existing.id });
      const suggestion = makeDiagnosticSuggestion({ tenantId, incidentId: existing.id });
      const boom = new Boom('rolled back on purpose');
      const write = async (tx: StorageRepositories) => {
        await tx.incidents.create(fresh);
        await tx.incidents.update(tenantId, existing.id, { title: 'during', status: 'analyzed' });
        await tx.alerts.insert(makeAlert({ tenantId, incidentId: fresh.id, fingerprint: 'fp-rollback' }));
        await tx.alerts.update(tenantId, existingAlert.id, { occurrences: 9 });
        await tx.alerts.moveToIncident(tenantId, existing.id, fresh.id);
        await tx.thoughts.append(tenantId, existing.id, [makeThoughtDraft()], () => newId('th'));
        await tx.citations.append(tenantId, existing.id, makeCitationDraft(), () => newId('cit'));
        await tx.suggestions.create(suggestion);
        await tx.chat.createSession(session);
        await tx.chat.appendMessage(tenantId, session.id, makeChatMessageDraft(), () => newId('msg'));
        await tx.postmortems.save(tenantId, existing.id, makePostmortemDraft(), () => newId('pm'));
        await tx.events.append(makeEventDraft(existing));
        await tx.deadLetters.insert(makeDeadLetter({ tenantId }));
      };
      let caught: unknown;
      await storage
        .transaction(async (tx) => {
          await write(tx);
          throw boom;
        })
        .catch((e: unknown) => {
          caught = e;
        });
      expect(caught).toBe(boom);
      expect(await storage.incidents.get(tenantId, fresh.id)).toBeNull();
      expect(await storage.incidents.get(tenantId, existing.id)).toEqual(existing);
      expect(await storage.alerts.findActive(tenantId, 'grafana', 'fp-rollback')).toBeNull();
      expect(await storage.alerts.get(tenantId, existingAlert.id)).toEqual(existingAlert);
      expect(await storage.alerts.listByIncident(tenantId, existing.id)).toEqual([existingAlert]);
      expect(await storage.thoughts.list(tenantId, existing.id)).toEqual([]);
      expect(await storage.citations.list(tenantId, existing.id)).toEqual([]);
      expect(await storage.suggestions.get(tenantId, suggestion.id)).toBeNull();
      expect(await storage.chat.getSession(tenantId, session.id)).toBeNull();
      expect(await storage.postmortems.latest(tenantId, existing.id)).toBeNull();
      expect(await storage.events.listAfter(tenantId, { afterId: null })).toEqual([]);
      expect(await storage.deadLetters.list(tenantId)).toEqual([]);
      expect((await storage.incidents.countByStatus(tenantId)).analyzed ?? 0).toBe(0);
    }),
    check(
      'a CONFLICT inside the transaction rolls back its earlier writes',
      async ({ storage, tenantId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const other = makeIncident({ tenantId });
        await expectAuroraError(
          storage.transaction(async (tx) => {
            await tx.incidents.create(other);
            await tx.incidents.update(
              tenantId,
              incident.id,
              { title: 'x' },
              { ifVersion: incident.version + 5 },
            );
          }),
          'CONFLICT',
        );
        expect(await storage.incidents.get(tenantId, other.id)).toBeNull();
      },
    ),
    check(
      'transaction() on the transaction handle joins the outer transaction',
      async ({ storage, tenantId }) => {
        const a = makeIncident({ tenantId });
        const b = makeIncident({ tenantId });
        const boom = new Boom('roll back both');
        const caught = await storage
          .transaction(async (tx) => {
            const nested = (tx as StorageRepositories & Partial<Pick<Storage, 'transaction'>>).transaction;
            expect(typeof nested, 'the handle passed to fn exposes transaction()').toBe('function');
            await tx.incidents.create(a);
            const value = await nested!(async (inner) => {
              expect((await inner.incidents.get(tenantId, a.id))?.id).toBe(a.id);
              await inner.incidents.create(b);
              return 7;
            });
            expect(value).toBe(7);
            throw boom;
          })
          .catch((e: unknown) => e);
        expect(caught).toBe(boom);
        expect(await storage.incidents.get(tenantId, a.id)).toBeNull();
        expect(await storage.incidents.get(tenantId, b.id)).toBeNull();
      },
    ),
    check('a rolled-back transaction consumes no sequence numbers', async ({ storage, tenantId, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const session = await storage.chat.createSession(
        makeChatSession({ tenantId, incidentId: incident.id }),
      );
      await storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft()], () => newId('th'));
      await storage.citations.append(tenantId, incident.id, makeCitationDraft(), () => newId('cit'));
      await storage.chat.appendMessage(tenantId, session.id, makeChatMessageDraft(), () => newId('msg'));
      await storage.postmortems.save(tenantId, incident.id, makePostmortemDraft(), () => newId('pm'));
      await storage
        .transaction(async (tx) => {
          await tx.thoughts.append(tenantId, incident.id, [makeThoughtDraft(), makeThoughtDraft()], () =>
            newId('th'),
          );
          await tx.citations.append(tenantId, incident.id, makeCitationDraft(), () => newId('cit'));
          await tx.chat.appendMessage(tenantId, session.id, makeChatMessageDraft(), () => newId('msg'));
          await tx.postmortems.save(tenantId, incident.id, makePostmortemDraft(), () => newId('pm'));
          throw new Boom('undo');
        })
        .catch(() => undefined);
      const [thought] = await storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft()], () =>
        newId('th'),
      );
      expect(thought?.seq).toBe(2);
      expect(
        (await storage.citations.append(tenantId, incident.id, makeCitationDraft(), () => newId('cit'))).key,
      ).toBe('2');
      const message = await storage.chat.appendMessage(tenantId, session.id, makeChatMessageDraft(), () =>
        newId('msg'),
      );
      expect(message.seq).toBe(2);
      const pm = await storage.postmortems.save(tenantId, incident.id, makePostmortemDraft(), () =>
        newId('pm'),
      );
      expect(pm.version).toBe(2);
    }),
  ];
}
