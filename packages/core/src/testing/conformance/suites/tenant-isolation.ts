import type { Suggestion } from '../../../model/index.js';
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
  minutesAfterBase,
} from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('tenant-isolation');

/**
 * Another tenant's records are invisible: reads return null or empty, updates fail with
 * NOT_FOUND (never FORBIDDEN), and nothing written by one tenant changes the other's.
 * `tenantId` owns the records; `otherTenantId` is the intruder.
 */
export function tenantIsolationChecks(): ConformanceCheck[] {
  return [
    check('incidents', async ({ storage, tenantId, otherTenantId: other }) => {
      const target = await storage.incidents.create(makeIncident({ tenantId }));
      const incident = await storage.incidents.create(
        makeIncident({ tenantId, lastAlertAt: minutesAfterBase(0) }),
      );
      await storage.incidents.create(makeIncident({ tenantId, status: 'merged', mergedIntoId: target.id }));
      expect(await storage.incidents.get(other, incident.id)).toBeNull();
      await expectAuroraError(storage.incidents.update(other, incident.id, { title: 'stolen' }), 'NOT_FOUND');
      expect((await storage.incidents.list(other, { includeMerged: true })).items).toEqual([]);
      expect(await storage.incidents.findActive(other, { since: minutesAfterBase(-60) })).toEqual([]);
      expect(
        await storage.incidents.findActive(other, { since: minutesAfterBase(-60), services: ['checkout'] }),
      ).toEqual([]);
      expect(await storage.incidents.listMergedInto(other, target.id)).toEqual([]);
      expect(Object.values(await storage.incidents.countByStatus(other)).filter((n) => n !== 0)).toEqual([]);
      expect(await storage.incidents.get(tenantId, incident.id)).toEqual(incident);
    }),
    check(
      'alerts (including the dedup key, which is per tenant)',
      async ({ storage, tenantId, otherTenantId: other }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const otherIncident = await storage.incidents.create(makeIncident({ tenantId: other }));
        const alert = await storage.alerts.insert(
          makeAlert({ tenantId, incidentId: incident.id, fingerprint: 'fp-iso' }),
        );
        expect(await storage.alerts.get(other, alert.id)).toBeNull();
        expect(await storage.alerts.findActive(other, 'grafana', 'fp-iso')).toBeNull();
        await expectAuroraError(storage.alerts.update(other, alert.id, { occurrences: 5 }), 'NOT_FOUND');
        expect(await storage.alerts.listByIncident(other, incident.id)).toEqual([]);
        expect(await storage.alerts.listRecent(other, { since: minutesAfterBase(-60) })).toEqual([]);
        expect(await storage.alerts.moveToIncident(other, incident.id, otherIncident.id)).toBe(0);
        expect(await storage.alerts.deactivateByIncident(other, incident.id)).toBe(0);
        expect(await storage.alerts.get(tenantId, alert.id)).toEqual(alert);
        // The same fingerprint is a separate alert in another tenant.
        await storage.alerts.insert(makeAlert({ tenantId: other, fingerprint: 'fp-iso' }));
        expect((await storage.alerts.findActive(tenantId, 'grafana', 'fp-iso'))?.id).toBe(alert.id);
      },
    ),
    check('thoughts and citations', async ({ storage, tenantId, otherTenantId: other, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      await storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft()], () => newId('th'));
      const citation = await storage.citations.append(tenantId, incident.id, makeCitationDraft(), () =>
        newId('cit'),
      );
      expect(await storage.thoughts.list(other, incident.id)).toEqual([]);
      expect(await storage.citations.list(other, incident.id)).toEqual([]);
      expect(await storage.citations.get(other, incident.id, citation.key)).toBeNull();
      // An intruder's append (rejected or kept apart) never shows up for the owner.
      await storage.thoughts
        .append(other, incident.id, [makeThoughtDraft({ content: 'intruder' })], () => newId('th'))
        .catch(() => undefined);
      await storage.citations
        .append(other, incident.id, makeCitationDraft({ output: 'intruder' }), () => newId('cit'))
        .catch(() => undefined);
      expect((await storage.thoughts.list(tenantId, incident.id)).map((t) => t.content)).toEqual([
        makeThoughtDraft().content,
      ]);
      expect(await storage.citations.list(tenantId, incident.id)).toEqual([citation]);
      const [next] = await storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft()], () =>
        newId('th'),
      );
      expect(next?.seq).toBe(2);
    }),
    check('suggestions', async ({ storage, tenantId, otherTenantId: other }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const otherIncident = await storage.incidents.create(makeIncident({ tenantId: other }));
      const s = await storage.suggestions.create(
        makeDiagnosticSuggestion({ tenantId, incidentId: incident.id }),
      );
      expect(await storage.suggestions.get(other, s.id)).toBeNull();
      await expectAuroraError(
        storage.suggestions.update(other, s.id, { status: 'executed' } as Partial<Suggestion>),
        'NOT_FOUND',
      );
      expect(await storage.suggestions.listByIncident(other, incident.id)).toEqual([]);
      expect(await storage.suggestions.moveToIncident(other, incident.id, otherIncident.id)).toBe(0);
      expect(await storage.suggestions.get(tenantId, s.id)).toEqual(s);
    }),
    check('chat', async ({ storage, tenantId, otherTenantId: other, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const session = await storage.chat.createSession(
        makeChatSession({ tenantId, incidentId: incident.id }),
      );
      const message = await storage.chat.appendMessage(tenantId, session.id, makeChatMessageDraft(), () =>
        newId('msg'),
      );
      expect(await storage.chat.getSession(other, session.id)).toBeNull();
      expect(await storage.chat.listSessions(other, incident.id)).toEqual([]);
      expect(await storage.chat.listMessages(other, session.id)).toEqual([]);
      await expectAuroraError(
        storage.chat.updateSession(other, session.id, { status: 'failed' }),
        'NOT_FOUND',
      );
      await expectAuroraError(
        storage.chat.updateMessage(other, message.id, { content: 'stolen' }),
        'NOT_FOUND',
      );
      await expectAuroraError(
        storage.chat.appendMessage(other, session.id, makeChatMessageDraft(), () => newId('msg')),
        'NOT_FOUND',
      );
      expect(await storage.chat.getSession(tenantId, session.id)).toEqual(session);
      expect(await storage.chat.listMessages(tenantId, session.id)).toEqual([message]);
    }),
    check('postmortems', async ({ storage, tenantId, otherTenantId: other, newId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      await storage.postmortems.save(tenantId, incident.id, makePostmortemDraft(), () => newId('pm'));
      expect(await storage.postmortems.latest(other, incident.id)).toBeNull();
      expect(await storage.postmortems.listVersions(other, incident.id)).toEqual([]);
    }),
    check('events and dead letters', async ({ storage, tenantId, otherTenantId: other }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const event = await storage.events.append(makeEventDraft(incident));
      await storage.deadLetters.insert(makeDeadLetter({ tenantId }));
      expect(await storage.events.get(other, event.id)).toBeNull();
      expect(await storage.events.listAfter(other, { afterId: null })).toEqual([]);
      expect(await storage.events.listAfter(other, { afterId: null, incidentId: incident.id })).toEqual([]);
      expect(await storage.deadLetters.list(other)).toEqual([]);
      const own = await storage.events.append(makeEventDraft(makeIncident({ tenantId: other })));
      expect((await storage.events.listAfter(tenantId, { afterId: null })).map((e) => e.id)).toEqual([
        event.id,
      ]);
      expect(await storage.events.get(tenantId, own.id).then((e) => e?.tenantId ?? null)).not.toBe(other);
    }),
  ];
}
