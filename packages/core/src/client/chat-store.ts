import type { AuroraError } from '../errors.js';
import type { Approval, ChatMessage, ChatMode, ChatSession } from '../model/chat.js';
import type { AuroraApi } from './api.js';
import { toAuroraError } from './errors.js';
import type { IncidentStore } from './incident-store.js';
import { upsertOrdered } from './records.js';
import { Store } from './store.js';
import type { StreamHub } from './stream-hub.js';

/** A write command in the current session waiting for a person's decision. */
export interface PendingApproval {
  message: ChatMessage;
  approval: Approval;
}

/** Snapshot of a {@link ChatStore}. */
export interface ChatState {
  /** The incident's chat sessions, oldest first. */
  sessions: ChatSession[];
  /** The session shown; `null` before the first question (the next `ask` starts one). */
  sessionId: string | null;
  session: ChatSession | null;
  /** Messages of the current session by `seq`; assistant answers grow while `status: 'streaming'`. */
  messages: ChatMessage[];
  pendingApprovals: PendingApproval[];
  /** Approval ids whose decision is being sent. */
  deciding: readonly string[];
  sending: boolean;
  loading: boolean;
  error: AuroraError | null;
}

const bySeq = (m: ChatMessage) => m.seq;

/**
 * Follow-up chat about one incident. Sessions come from the incident's detail, messages from
 * `GET /api/chat/sessions/:id` and then from `chat.message` events on the incident stream
 * (the same connection the detail uses), so answers stream in as they are written.
 */
export class ChatStore extends Store<ChatState> {
  readonly incidentId: string;
  readonly #api: AuroraApi;
  readonly #messages = new Map<string, ChatMessage[]>();
  #explicitSession = false;

  constructor(
    incidentId: string,
    api: AuroraApi,
    hub: StreamHub,
    detail: IncidentStore,
    idleDelayMs?: number,
  ) {
    let detach: Array<() => void> = [];
    super(
      {
        sessions: [],
        sessionId: null,
        session: null,
        messages: [],
        pendingApprovals: [],
        deciding: [],
        sending: false,
        loading: false,
        error: null,
      },
      {
        ...(idleDelayMs !== undefined ? { idleDelayMs } : {}),
        onActive: () => {
          const syncSessions = () => this.#onSessions(detail.getSnapshot().data?.chatSessions ?? []);
          detach = [
            detail.subscribe(syncSessions),
            hub.listen(`/api/incidents/${encodeURIComponent(incidentId)}/stream`, {
              onEvent: (event) => {
                if (event.type === 'chat.message') this.#upsert(event.message.sessionId, [event.message]);
              },
            }),
          ];
          syncSessions();
        },
        onIdle: () => {
          for (const d of detach) d();
          detach = [];
        },
      },
    );
    this.incidentId = incidentId;
    this.#api = api;
  }

  #onSessions(sessions: ChatSession[]): void {
    const s = this.getSnapshot();
    if (sessions === s.sessions) return;
    let sessionId = s.sessionId;
    // Show the latest session until the person picks one (or starts a new one).
    if (!this.#explicitSession && sessionId === null && sessions.length > 0) {
      const latest = [...sessions].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
      if (latest) {
        sessionId = latest.id;
        void this.#load(latest.id);
      }
    }
    this.#publish({ sessions, sessionId });
  }

  #publish(patch: Partial<ChatState>): void {
    this.setState((s) => {
      const next = { ...s, ...patch };
      const messages = next.sessionId ? (this.#messages.get(next.sessionId) ?? []) : [];
      const pendingApprovals: PendingApproval[] = [];
      for (const message of messages) {
        if (message.approval?.status === 'pending')
          pendingApprovals.push({ message, approval: message.approval });
      }
      return {
        ...next,
        messages,
        pendingApprovals,
        session: next.sessions.find((x) => x.id === next.sessionId) ?? null,
      };
    });
  }

  #upsert(sessionId: string, incoming: ChatMessage[]): void {
    const current = this.#messages.get(sessionId) ?? [];
    const next = upsertOrdered(current, incoming, bySeq);
    if (next === current) return;
    this.#messages.set(sessionId, next);
    if (sessionId === this.getSnapshot().sessionId) this.#publish({});
  }

  async #load(sessionId: string): Promise<void> {
    this.setState((s) => ({ ...s, loading: true }));
    try {
      const { session, messages } = await this.#api.getChatSession(sessionId);
      this.#upsert(sessionId, messages);
      const sessions = this.getSnapshot().sessions;
      this.#publish({
        loading: false,
        error: null,
        sessions: sessions.some((x) => x.id === session.id)
          ? sessions.map((x) => (x.id === session.id ? session : x))
          : [...sessions, session],
      });
    } catch (error) {
      this.#publish({ loading: false, error: toAuroraError(error) });
    }
  }

  /** Shows another session (loading its messages). */
  selectSession(sessionId: string | null): void {
    this.#explicitSession = true;
    this.#publish({ sessionId });
    if (sessionId) void this.#load(sessionId);
  }

  /** Clears the view; the next `ask` starts a new session. */
  newSession(): void {
    this.selectSession(null);
  }

  /**
   * Asks a question in the current session (or a new one). Resolves once the server accepted
   * it (202); the answer streams into `messages`.
   */
  async ask(question: string, mode: ChatMode = 'ask'): Promise<{ sessionId: string; messageId: string }> {
    this.setState((s) => ({ ...s, sending: true, error: null }));
    try {
      const accepted = await this.#api.askChat(this.incidentId, {
        question,
        mode,
        sessionId: this.getSnapshot().sessionId,
      });
      this.#explicitSession = true;
      this.#publish({ sending: false, sessionId: accepted.sessionId });
      await this.#load(accepted.sessionId);
      return accepted;
    } catch (error) {
      const e = toAuroraError(error);
      this.#publish({ sending: false, error: e });
      throw e;
    }
  }

  /** Approves or denies a pending write command of the current session. */
  async decide(approvalId: string, decision: 'approve' | 'deny', reason?: string): Promise<void> {
    const sessionId = this.getSnapshot().sessionId;
    if (!sessionId) return;
    this.setState((s) => ({ ...s, deciding: [...s.deciding, approvalId], error: null }));
    try {
      await this.#api.decideApproval(sessionId, approvalId, { decision, ...(reason ? { reason } : {}) });
      await this.#load(sessionId);
    } catch (error) {
      this.#publish({ error: toAuroraError(error) });
      throw toAuroraError(error);
    } finally {
      this.setState((s) => ({ ...s, deciding: s.deciding.filter((x) => x !== approvalId) }));
    }
  }
}
