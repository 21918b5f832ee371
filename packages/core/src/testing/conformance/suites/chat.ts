import { expectAuroraError, suiteOf } from '../assert.js';
import { makeChatMessageDraft, makeChatSession, makeIncident, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('chat');

/** Chat sessions, messages with per-session seq, and updates. */
export function chatChecks(): ConformanceCheck[] {
  return [
    check(
      'createSession() / getSession() / listSessions() round-trip',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const session = makeChatSession({ tenantId, incidentId: incident.id, mode: 'agent' });
        const second = makeChatSession({ tenantId, incidentId: incident.id });
        expect(await storage.chat.createSession(session)).toEqual(session);
        await storage.chat.createSession(second);
        expect(await storage.chat.getSession(tenantId, session.id)).toEqual(session);
        expect(await storage.chat.getSession(tenantId, newId('chs'))).toBeNull();
        const listed = await storage.chat.listSessions(tenantId, incident.id);
        expect(listed.map((s) => s.id).sort()).toEqual([session.id, second.id].sort());
        expect(await storage.chat.listSessions(tenantId, newId('inc'))).toEqual([]);
      },
    ),
    check(
      'updateSession() patches; an unknown id fails with NOT_FOUND',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const session = await storage.chat.createSession(
          makeChatSession({ tenantId, incidentId: incident.id }),
        );
        const updated = await storage.chat.updateSession(tenantId, session.id, {
          status: 'running',
          updatedAt: minutesAfterBase(1),
        });
        expect(updated).toEqual({ ...session, status: 'running', updatedAt: minutesAfterBase(1) });
        expect(await storage.chat.getSession(tenantId, session.id)).toEqual(updated);
        await expectAuroraError(
          storage.chat.updateSession(tenantId, newId('chs'), { status: 'idle' }),
          'NOT_FOUND',
        );
      },
    ),
    check('appendMessage() assigns seq 1, 2, … per session; listMessages() is in seq order', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const a = await storage.chat.createSession(makeChatSession({ tenantId, incidentId: incident.id }));
      const b = await storage.chat.createSession(makeChatSession({ tenantId, incidentId: incident.id }));
      const id = newId('msg');
      const first = await storage.chat.appendMessage(
        tenantId,
        a.id,
        makeChatMessageDraft({ content: 'q1' }),
        () => id,
      );
      expect(first).toEqual({
        id,
        tenantId,
        sessionId: a.id,
        seq: 1,
        role: 'user',
        content: 'q1',
        status: 'complete',
        citationKeys: [],
        approval: null,
        createdBy: null,
        createdAt: minutesAfterBase(0),
        updatedAt: minutesAfterBase(0),
      });
      await storage.chat.appendMessage(
        tenantId,
        a.id,
        makeChatMessageDraft({ role: 'assistant', content: 'a1' }),
        () => newId('msg'),
      );
      const onB = await storage.chat.appendMessage(tenantId, b.id, makeChatMessageDraft(), () =>
        newId('msg'),
      );
      expect(onB.seq).toBe(1);
      const listed = await storage.chat.listMessages(tenantId, a.id);
      expect(listed.map((m) => [m.seq, m.content])).toEqual([
        [1, 'q1'],
        [2, 'a1'],
      ]);
      expect(listed[0]).toEqual(first);
    }),
    check(
      'appendMessage() to an unknown session fails with NOT_FOUND',
      async ({ storage, tenantId, newId }) => {
        await expectAuroraError(
          storage.chat.appendMessage(tenantId, newId('chs'), makeChatMessageDraft(), () => newId('msg')),
          'NOT_FOUND',
        );
      },
    ),
    check(
      'updateMessage() patches content, status and approval; unknown id fails with NOT_FOUND',
      async (ctx) => {
        const { storage, tenantId, newId } = ctx;
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const session = await storage.chat.createSession(
          makeChatSession({ tenantId, incidentId: incident.id }),
        );
        const message = await storage.chat.appendMessage(
          tenantId,
          session.id,
          makeChatMessageDraft({ role: 'assistant', content: '', status: 'streaming' }),
          () => newId('msg'),
        );
        const approval = {
          id: newId('apv'),
          tool: 'kubectl',
          args: ['rollout', 'restart', 'deploy/checkout'],
          command: 'kubectl rollout restart deploy/checkout',
          reason: 'restart the crashing deployment',
          status: 'pending' as const,
          decidedBy: null,
          decidedAt: null,
        };
        const updated = await storage.chat.updateMessage(tenantId, message.id, {
          content: 'Restart it [1].',
          status: 'complete',
          citationKeys: ['1'],
          approval,
          updatedAt: minutesAfterBase(2),
        });
        expect(updated).toEqual({
          ...message,
          content: 'Restart it [1].',
          status: 'complete',
          citationKeys: ['1'],
          approval,
          updatedAt: minutesAfterBase(2),
        });
        expect(await storage.chat.listMessages(tenantId, session.id)).toEqual([updated]);
        await expectAuroraError(
          storage.chat.updateMessage(tenantId, newId('msg'), { content: 'x' }),
          'NOT_FOUND',
        );
      },
    ),
    check(
      'records are copies: mutating results does not change storage',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const session = await storage.chat.createSession(
          makeChatSession({ tenantId, incidentId: incident.id }),
        );
        const message = await storage.chat.appendMessage(
          tenantId,
          session.id,
          makeChatMessageDraft({ citationKeys: ['1'] }),
          () => newId('msg'),
        );
        message.citationKeys.push('mutated');
        session.title = 'mutated';
        const [listed] = await storage.chat.listMessages(tenantId, session.id);
        expect(listed?.citationKeys).toEqual(['1']);
        expect((await storage.chat.getSession(tenantId, session.id))?.title).toBe(makeChatSession().title);
      },
    ),
  ];
}
