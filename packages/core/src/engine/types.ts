import type {
  ApplySuggestionResponse,
  ChatAcceptedResponse,
  ChatSessionResponse,
  CreateIncidentBody,
  ExecuteSuggestionResponse,
  IncidentDetailResponse,
  IncidentListResponse,
  MergeResponse,
  PatchIncidentBody,
  WebhookAcceptedResponse,
} from '../http/wire.js';
import type {
  ChatMessage,
  ChatMode,
  Incident,
  IncidentEvent,
  IncidentStatus,
  Suggestion,
} from '../model/index.js';
import type { AlertSource, Integration, WebhookRequest } from '../spec/alert-source.js';
import type { EventBus, EventFilter } from '../spec/event-bus.js';
import type { JobQueue } from '../spec/job-queue.js';
import type { Storage } from '../spec/storage.js';
import type { Clock } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';

/** Who is acting: returned by the host's `authenticate`. */
export interface Actor {
  tenantId: string;
  userId: string | null;
}

/**
 * The engine facade returned by `createAurora`. Every method is tenant-scoped; another
 * tenant's record is `NOT_FOUND`.
 */
export interface Aurora {
  readonly storage: Storage;
  readonly queue: JobQueue;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Registered alert sources by id. */
  readonly sources: ReadonlyMap<string, AlertSource>;

  /**
   * Verify, parse and ingest one webhook delivery. Unparseable bodies are stored as dead
   * letters before the `INVALID_INPUT` error is thrown, so nothing is lost.
   */
  ingestWebhook(input: {
    integration: Integration;
    request: WebhookRequest;
  }): Promise<WebhookAcceptedResponse>;

  readonly incidents: {
    list(
      actor: Actor,
      query?: { status?: IncidentStatus[]; limit?: number; cursor?: string | null; includeMerged?: boolean },
    ): Promise<IncidentListResponse>;
    get(actor: Actor, id: string): Promise<Incident>;
    detail(actor: Actor, id: string): Promise<IncidentDetailResponse>;
    create(actor: Actor, body: CreateIncidentBody): Promise<Incident>;
    update(actor: Actor, id: string, patch: PatchIncidentBody): Promise<Incident>;
    merge(actor: Actor, sourceId: string, targetId: string): Promise<MergeResponse>;
  };

  readonly chat: {
    ask(
      actor: Actor,
      incidentId: string,
      input: { question: string; mode: ChatMode; sessionId?: string | null },
    ): Promise<ChatAcceptedResponse>;
    session(actor: Actor, sessionId: string): Promise<ChatSessionResponse>;
    decide(
      actor: Actor,
      sessionId: string,
      approvalId: string,
      decision: { decision: 'approve' | 'deny'; reason?: string },
    ): Promise<ChatMessage>;
  };

  readonly suggestions: {
    edit(actor: Actor, id: string, userEditedContent: string | null): Promise<Suggestion>;
    apply(actor: Actor, id: string): Promise<ApplySuggestionResponse>;
    execute(actor: Actor, id: string): Promise<ExecuteSuggestionResponse>;
  };

  /** Live events for a tenant (optionally one incident). Returns an unsubscribe function. */
  subscribe(tenantId: string, filter: EventFilter, listener: (event: IncidentEvent) => void): () => void;
  /** Events stored after `afterId` (for SSE resume). */
  eventsAfter(
    tenantId: string,
    afterId: string | null,
    filter?: { incidentId?: string; limit?: number },
  ): Promise<IncidentEvent[]>;

  /** Start background workers (investigations, chat) in this process. Idempotent. */
  start(): Promise<void>;
  /** Stop taking work; let running jobs finish (up to `timeoutMs`), then close the bus and storage. */
  close(options?: { timeoutMs?: number; closeStorage?: boolean }): Promise<void>;
}
