import {
  type ChatMessage,
  ChatMessage as ChatMessageSchema,
  type ChatRepository,
  notFound,
} from '@aurora-rca/core';
import { setUndoable } from '../tables/index.js';
import { build, conflict, copy, definedOnly, key } from '../util.js';
import type { RepositoryContext } from './context.js';
import { assertIncident } from './parents.js';

/** Chat sessions by id (indexed per incident) and their messages by seq. */
export function chatRepository({ tables, session }: RepositoryContext): ChatRepository {
  const { sessions, sessionsByIncident, messages, messageSession } = tables;

  const findMessage = (tenantId: string, id: string) => {
    const sessionId = messageSession.get(id);
    if (sessionId === undefined || !sessions.get(tenantId, sessionId)) return undefined;
    const list = messages.list(sessionId);
    const index = list.findIndex((m) => m.id === id);
    return index < 0 ? undefined : { sessionId, index, message: list[index]! };
  };

  return {
    createSession: (chatSession) =>
      session.write((log) => {
        if (sessions.rows.has(chatSession.id))
          throw conflict(`Chat session ${chatSession.id} already exists`);
        assertIncident(tables, chatSession.tenantId, chatSession.incidentId);
        const row = copy(chatSession);
        sessions.put(row, log);
        sessionsByIncident.add(key(row.tenantId, row.incidentId), row.id, log);
        return copy(row);
      }),

    getSession: (tenantId, id) => session.read(() => copy(sessions.get(tenantId, id) ?? null)),

    updateSession: (tenantId, id, patch) =>
      session.write((log) => {
        const prev = sessions.get(tenantId, id);
        if (!prev) throw notFound('chat session', id);
        const next = {
          ...prev,
          ...definedOnly(copy(patch)),
          id: prev.id,
          tenantId: prev.tenantId,
          incidentId: prev.incidentId,
        };
        sessions.put(next, log);
        return copy(next);
      }),

    listSessions: (tenantId, incidentId) =>
      session.read(() =>
        sessionsByIncident
          .ids(key(tenantId, incidentId))
          .map((id) => sessions.rows.get(id)!)
          .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1))
          .map(copy),
      ),

    appendMessage: (tenantId, sessionId, draft, newId) =>
      session.write((log) => {
        if (!sessions.get(tenantId, sessionId)) throw notFound('chat session', sessionId);
        const message = build(
          ChatMessageSchema,
          { ...copy(draft), id: newId(), tenantId, sessionId, seq: messages.nextSeq(sessionId) },
          'chat message',
        );
        messages.append(sessionId, message, log);
        setUndoable(messageSession, message.id, sessionId, log);
        return copy(message);
      }),

    updateMessage: (tenantId, id, patch) =>
      session.write((log) => {
        const found = findMessage(tenantId, id);
        if (!found) throw notFound('chat message', id);
        const prev = found.message;
        const next: ChatMessage = {
          ...prev,
          ...definedOnly(copy(patch)),
          id: prev.id,
          tenantId: prev.tenantId,
          sessionId: prev.sessionId,
          seq: prev.seq,
        };
        messages.set(found.sessionId, found.index, next, log);
        return copy(next);
      }),

    listMessages: (tenantId, sessionId) =>
      session.read(() => (sessions.get(tenantId, sessionId) ? messages.list(sessionId).map(copy) : [])),
  };
}
