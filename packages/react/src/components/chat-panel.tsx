import type { ChatMessage, ChatMode } from '@aurora-rca/core/client';
import { type FormEvent, memo, type ReactNode, useId, useState } from 'react';
import { useIncidentChat } from '../hooks/use-incident-chat.js';
import { IncidentCitations } from './citation-badge.js';
import { RichText } from './rich-text.js';

const ROLE_LABEL: Record<ChatMessage['role'], string> = {
  user: 'You',
  assistant: 'Aurora',
  tool: 'Tool',
  system: 'System',
};

const MessageRow = memo(function MessageRow({ message }: { message: ChatMessage }): ReactNode {
  return (
    <li
      className={`aurora-message aurora-message-${message.role}`}
      data-role={message.role}
      aria-busy={message.status === 'streaming'}
    >
      <span className="aurora-message-author">{ROLE_LABEL[message.role]}</span>
      <div className="aurora-message-content">
        <RichText text={message.content} />
        {message.status === 'streaming' && <span className="aurora-cursor" aria-hidden="true" />}
        {message.status === 'failed' && <span className="aurora-error"> (failed)</span>}
      </div>
      {message.approval && message.approval.status !== 'pending' && (
        <p className="aurora-muted" data-approval={message.approval.status}>
          <code>{message.approval.command}</code> was {message.approval.status}
          {message.approval.decidedBy ? ` by ${message.approval.decidedBy}` : ''}.
        </p>
      )}
    </li>
  );
});

/**
 * Follow-up chat about an incident: Ask (read-only tools) or Agent (may run commands a
 * person approves) mode, answers streaming in, and Approve/Deny for pending commands.
 */
export function ChatPanel({ incidentId }: { incidentId: string }): ReactNode {
  const chat = useIncidentChat(incidentId);
  const [question, setQuestion] = useState('');
  const [mode, setMode] = useState<ChatMode>(chat.session?.mode ?? 'ask');
  const questionId = useId();
  const modeName = useId();

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const q = question.trim();
    if (!q || chat.sending) return;
    try {
      await chat.ask(q, mode);
      setQuestion('');
    } catch {
      // Shown from chat.error.
    }
  };

  return (
    <IncidentCitations incidentId={incidentId}>
      <div className="aurora-chat">
        <div className="aurora-actions">
          {chat.sessions.length > 1 && (
            <select
              aria-label="Chat session"
              className="aurora-select"
              value={chat.sessionId ?? ''}
              onChange={(e) => chat.selectSession(e.target.value || null)}
            >
              {chat.sessionId === null && <option value="">New conversation</option>}
              {chat.sessions.map((s, i) => (
                <option key={s.id} value={s.id}>
                  {s.title || `Conversation ${i + 1}`} ({s.mode})
                </option>
              ))}
            </select>
          )}
          {chat.sessionId !== null && (
            <button type="button" className="aurora-button" onClick={() => chat.newSession()}>
              New conversation
            </button>
          )}
        </div>
        <ol className="aurora-message-list" role="log" aria-label="Chat messages">
          {chat.messages.map((m) => (
            <MessageRow key={m.id} message={m} />
          ))}
        </ol>
        {chat.messages.length === 0 && <p className="aurora-empty">Ask Aurora about this incident.</p>}
        {chat.pendingApprovals.map(({ approval }) => {
          const deciding = chat.deciding.includes(approval.id);
          return (
            <section key={approval.id} className="aurora-card aurora-approval" aria-label="Approval required">
              <p>
                Aurora wants to run <code>{approval.command}</code>
              </p>
              {approval.reason && <p className="aurora-muted">{approval.reason}</p>}
              <div className="aurora-actions">
                <button
                  type="button"
                  className="aurora-button aurora-button-primary"
                  disabled={deciding}
                  onClick={() => void chat.decide(approval.id, 'approve').catch(() => {})}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="aurora-button aurora-button-danger"
                  disabled={deciding}
                  onClick={() => void chat.decide(approval.id, 'deny').catch(() => {})}
                >
                  Deny
                </button>
              </div>
            </section>
          );
        })}
        <form className="aurora-chat-form" onSubmit={(e) => void submit(e)}>
          <fieldset className="aurora-mode">
            <legend>Mode</legend>
            {(['ask', 'agent'] as const).map((m) => (
              <label key={m} className="aurora-radio">
                <input
                  type="radio"
                  name={modeName}
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                />
                {m === 'ask' ? 'Ask (read-only)' : 'Agent (asks before running commands)'}
              </label>
            ))}
          </fieldset>
          <label htmlFor={questionId}>Question</label>
          <textarea
            id={questionId}
            className="aurora-textarea"
            rows={3}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void submit();
              }
            }}
          />
          <div className="aurora-actions">
            <button
              type="submit"
              className="aurora-button aurora-button-primary"
              disabled={chat.sending || !question.trim()}
            >
              {chat.sending ? 'Sending…' : 'Send'}
            </button>
          </div>
          {chat.error && (
            <p className="aurora-error" role="alert">
              {chat.error.message}
            </p>
          )}
        </form>
      </div>
    </IncidentCitations>
  );
}
