/**
 * Wire-shaped records and an SSE stream controller for the client's tests (msw). Not
 * exported from the package.
 */
import type { IncidentDetailResponse } from '../http/wire.js';
import {
  ChatMessage,
  ChatSession,
  Citation,
  Incident,
  type IncidentEvent,
  type IncidentInput,
  Suggestion,
  Thought,
} from '../model/index.js';

export const BASE = 'http://aurora.test';
const T0 = '2026-03-01T10:00:00.000Z';

export function incident(overrides: Partial<IncidentInput> = {}): Incident {
  return Incident.parse({
    id: 'inc_1',
    tenantId: 't1',
    title: 'checkout-api 5xx rate above 5%',
    severity: 'critical',
    status: 'investigating',
    auroraStatus: 'running',
    affectedServices: ['checkout-api'],
    alertCount: 1,
    openAlertCount: 1,
    startedAt: T0,
    lastAlertAt: T0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });
}

export function thought(seq: number, incidentId = 'inc_1'): Thought {
  return Thought.parse({
    id: `th_${seq}`,
    tenantId: 't1',
    incidentId,
    seq,
    content: `Step ${seq}: checked the pods [${seq}]`,
    createdAt: new Date(Date.parse(T0) + seq * 1000).toISOString(),
  });
}

export function citation(key: number, incidentId = 'inc_1'): Citation {
  return Citation.parse({
    id: `cit_${key}`,
    tenantId: 't1',
    incidentId,
    key: String(key),
    toolName: 'kubectl',
    command: 'kubectl get pods -n shop',
    output: 'checkout-api-7d9 0/1 CrashLoopBackOff',
    status: 'ok',
    executedAt: T0,
    durationMs: 120,
  });
}

export function diagnostic(id = 'sug_1'): Suggestion {
  return Suggestion.parse({
    id,
    tenantId: 't1',
    incidentId: 'inc_1',
    type: 'diagnostic',
    title: 'Inspect recent pod logs',
    command: 'kubectl logs deploy/checkout-api -n shop --tail=200',
    tool: 'kubectl',
    args: ['logs', 'deploy/checkout-api', '-n', 'shop', '--tail=200'],
    createdAt: T0,
    updatedAt: T0,
  });
}

export function fix(id = 'sug_2'): Suggestion {
  return Suggestion.parse({
    id,
    tenantId: 't1',
    incidentId: 'inc_1',
    type: 'fix',
    title: 'Raise the connection pool size',
    repository: 'acme/checkout',
    filePath: 'config/db.yaml',
    originalContent: 'pool:\n  size: 5\n  timeout: 30\n',
    suggestedContent: 'pool:\n  size: 20\n  timeout: 30\n',
    createdAt: T0,
    updatedAt: T0,
  });
}

export function session(id = 'chs_1'): ChatSession {
  return ChatSession.parse({
    id,
    tenantId: 't1',
    incidentId: 'inc_1',
    mode: 'ask',
    status: 'running',
    createdAt: T0,
    updatedAt: T0,
  });
}

export function message(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return ChatMessage.parse({
    id: `msg_${seq}`,
    tenantId: 't1',
    sessionId: 'chs_1',
    seq,
    role: seq % 2 === 1 ? 'user' : 'assistant',
    content: seq % 2 === 1 ? 'Why is checkout failing?' : 'The pool is exhausted [1].',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });
}

export function detail(overrides: Partial<IncidentDetailResponse> = {}): IncidentDetailResponse {
  return {
    incident: incident(),
    alerts: [],
    thoughts: [],
    citations: [],
    suggestions: [],
    chatSessions: [],
    postmortem: null,
    mergedFrom: [],
    ...overrides,
  };
}

let eventSeq = 0;
/** An event with the envelope filled in; ids increase per call. */
export function event(
  body: Record<string, unknown> & { type: IncidentEvent['type'] },
  id?: string,
): IncidentEvent {
  eventSeq++;
  return {
    id: id ?? `ev_${eventSeq}`,
    tenantId: 't1',
    incidentId: 'inc_1',
    at: T0,
    ...body,
  } as IncidentEvent;
}

/** A server-side SSE connection the test writes to. */
export interface SseConnection {
  response: Response;
  send(event: IncidentEvent): void;
  comment(text: string): void;
  close(): void;
  closed: Promise<void>;
}

/** Creates an SSE response in the server's format: `id`, `event`, `data` lines; `: ping` comments. */
export function sseConnection(): SseConnection {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      done = true;
      resolveClosed();
    },
  });
  const write = (text: string) => {
    if (!done) controller.enqueue(encoder.encode(text));
  };
  return {
    response: new Response(stream, {
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
    }),
    send: (e) => write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`),
    comment: (text) => write(`: ${text}\n\n`),
    close() {
      if (done) return;
      done = true;
      controller.close();
      resolveClosed();
    },
    closed,
  };
}
