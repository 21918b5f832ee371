import { AuroraError, type ChatMessage, type ChatRepository, notFound } from '@aurora-rca/core';
import { insertNumbered } from './counters.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

export function chatRepository(ex: Executor, t: Tables): ChatRepository {
  const s = t.chatSessions;
  const m = t.chatMessages;

  return {
    async createSession(session) {
      const { rows } = await ex.query(s.insertSql, s.values(session));
      if (!rows[0]) {
        throw new AuroraError('CONFLICT', `Chat session ${session.id} already exists`, {
          details: { kind: 'chatSession', id: session.id },
        });
      }
      return s.fromRow(rows[0]);
    },

    async getSession(tenantId, id) {
      const { rows } = await ex.query(`SELECT ${s.select} FROM ${s.table} WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ]);
      return rows[0] ? s.fromRow(rows[0]) : null;
    },

    async updateSession(tenantId, id, patch) {
      const { sets, params } = s.patch(patch as Record<string, unknown>, 3, ['id', 'tenantId', 'incidentId']);
      if (sets.length === 0) {
        const current = await this.getSession(tenantId, id);
        if (!current) throw notFound('chat session', id);
        return current;
      }
      const { rows } = await ex.query(
        `UPDATE ${s.table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${s.select}`,
        [tenantId, id, ...params],
      );
      if (!rows[0]) throw notFound('chat session', id);
      return s.fromRow(rows[0]);
    },

    async listSessions(tenantId, incidentId) {
      const { rows } = await ex.query(
        `SELECT ${s.select} FROM ${s.table} WHERE tenant_id = $1 AND incident_id = $2 ORDER BY created_at, id`,
        [tenantId, incidentId],
      );
      return rows.map((r) => s.fromRow(r));
    },

    async appendMessage(tenantId, sessionId, draft, newId) {
      const message: ChatMessage = {
        id: newId(),
        tenantId,
        sessionId,
        seq: 0,
        role: draft.role,
        content: draft.content,
        status: draft.status ?? 'complete',
        citationKeys: draft.citationKeys ?? [],
        approval: (draft.approval ?? null) as ChatMessage['approval'],
        createdBy: draft.createdBy ?? null,
        createdAt: draft.createdAt,
        updatedAt: draft.updatedAt,
      };
      const stored = await insertNumbered(
        ex,
        t,
        m,
        'chat',
        tenantId,
        sessionId,
        message,
        'seq',
        `SELECT 1 FROM ${s.table} WHERE tenant_id = $1 AND id = $2`,
      );
      if (!stored) throw notFound('chat session', sessionId);
      return stored;
    },

    async updateMessage(tenantId, id, patch) {
      const { sets, params } = m.patch(patch as Record<string, unknown>, 3, [
        'id',
        'tenantId',
        'sessionId',
        'seq',
      ]);
      const sql =
        sets.length === 0
          ? `SELECT ${m.select} FROM ${m.table} WHERE tenant_id = $1 AND id = $2`
          : `UPDATE ${m.table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING ${m.select}`;
      const { rows } = await ex.query(sql, [tenantId, id, ...params]);
      if (!rows[0]) throw notFound('chat message', id);
      return m.fromRow(rows[0]);
    },

    async listMessages(tenantId, sessionId) {
      const { rows } = await ex.query(
        `SELECT ${m.select} FROM ${m.table} WHERE tenant_id = $1 AND session_id = $2 ORDER BY seq`,
        [tenantId, sessionId],
      );
      return rows.map((r) => m.fromRow(r));
    },
  };
}
