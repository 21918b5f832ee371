/**
 * Test helper (not exported): an in-memory Aurora API behind an injected `fetch`, with
 * wire-shaped records and SSE streams the test writes to. The real client runs on top.
 */
import {
  ChatMessage,
  ChatSession,
  Citation,
  Incident,
  type IncidentDetailResponse,
  type IncidentEvent,
  type IncidentInput,
  Postmortem,
  StoredAlert,
  Suggestion,
  Thought,
} from '@aurora-rca/core';
import { type AuroraClient, createAuroraClient } from '@aurora-rca/core/client';
import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { AuroraProvider } from '../provider.js';

const T0 = '2026-03-01T10:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

export const make = {
  incident: (o: Partial<IncidentInput> = {}): Incident =>
    Incident.parse({
      id: 'inc_1',
      tenantId: 't1',
      title: 'checkout-api 5xx rate above 5%',
      severity: 'critical',
      status: 'investigating',
      auroraStatus: 'running',
      affectedServices: ['checkout-api', 'payments'],
      alertCount: 3,
      openAlertCount: 3,
      startedAt: T0,
      lastAlertAt: T0,
      createdAt: T0,
      updatedAt: T0,
      ...o,
    }),
  thought: (seq: number, content = `Checked step ${seq} [1]`): Thought =>
    Thought.parse({ id: `th_${seq}`, tenantId: 't1', incidentId: 'inc_1', seq, content, createdAt: at(seq) }),
  citation: (key: number, o: Partial<Citation> = {}): Citation =>
    Citation.parse({
      id: `cit_${key}`,
      tenantId: 't1',
      incidentId: 'inc_1',
      key: String(key),
      toolName: 'kubectl',
      command: 'kubectl get pods -n shop',
      output: 'checkout-api-7d9f  0/1  CrashLoopBackOff  12',
      status: 'ok',
      executedAt: at(key),
      durationMs: 230,
      ...o,
    }),
  diagnostic: (): Suggestion =>
    Suggestion.parse({
      id: 'sug_d',
      tenantId: 't1',
      incidentId: 'inc_1',
      type: 'diagnostic',
      title: 'Inspect checkout-api logs',
      rationale: 'The pods restart [1]',
      command: 'kubectl logs deploy/checkout-api -n shop --tail=200',
      tool: 'kubectl',
      args: ['logs', 'deploy/checkout-api', '-n', 'shop', '--tail=200'],
      createdAt: T0,
      updatedAt: T0,
    }),
  fix: (o: Record<string, unknown> = {}): Suggestion =>
    Suggestion.parse({
      id: 'sug_f',
      tenantId: 't1',
      incidentId: 'inc_1',
      type: 'fix',
      title: 'Raise the database pool size',
      repository: 'acme/checkout',
      filePath: 'config/db.yaml',
      originalContent: 'pool:\n  size: 5\n  timeout: 30\n',
      suggestedContent: 'pool:\n  size: 20\n  timeout: 30\n',
      createdAt: T0,
      updatedAt: T0,
      ...o,
    }),
  alert: (): StoredAlert =>
    StoredAlert.parse({
      id: 'alr_1',
      tenantId: 't1',
      incidentId: 'inc_1',
      source: 'grafana',
      fingerprint: 'fp1',
      title: 'HighErrorRate checkout-api',
      severity: 'critical',
      status: 'firing',
      service: 'checkout-api',
      startedAt: T0,
      receivedAt: T0,
      updatedAt: T0,
      correlation: { strategy: 'new', score: 1 },
      raw: { receiver: 'aurora', status: 'firing', alerts: [{ labels: { alertname: 'HighErrorRate' } }] },
    }),
  session: (): ChatSession =>
    ChatSession.parse({
      id: 'chs_1',
      tenantId: 't1',
      incidentId: 'inc_1',
      mode: 'agent',
      status: 'running',
      createdAt: T0,
      updatedAt: T0,
    }),
  message: (seq: number, o: Partial<ChatMessage> = {}): ChatMessage =>
    ChatMessage.parse({
      id: `msg_${seq}`,
      tenantId: 't1',
      sessionId: 'chs_1',
      seq,
      role: seq % 2 ? 'user' : 'assistant',
      content: seq % 2 ? 'What changed before the errors?' : 'A deploy at 09:58 [1].',
      createdAt: at(seq),
      updatedAt: at(seq),
      ...o,
    }),
  postmortem: (): Postmortem =>
    Postmortem.parse({
      id: 'pm_1',
      tenantId: 't1',
      incidentId: 'inc_1',
      version: 1,
      generatedBy: 'rules',
      createdAt: at(600),
      markdown: '# Postmortem\n',
      sections: {
        summary: 'Checkout failed for 12 minutes [1].',
        timeline: [{ at: T0, kind: 'alert', text: 'HighErrorRate fired' }],
        rootCause: 'Connection pool exhausted',
        impact: '8% of checkouts failed',
        contributingFactors: ['Pool size unchanged since launch'],
        resolution: 'Pool raised to 20',
        actionItems: ['Alert on pool saturation'],
        lessons: [],
      },
    }),
  detail: (o: Partial<IncidentDetailResponse> = {}): IncidentDetailResponse => ({
    incident: make.incident(),
    alerts: [],
    thoughts: [],
    citations: [],
    suggestions: [],
    chatSessions: [],
    postmortem: null,
    mergedFrom: [],
    ...o,
  }),
};

let eventId = 0;
/** An event envelope around `body`. */
export function ev(body: Record<string, unknown> & { type: IncidentEvent['type'] }): IncidentEvent {
  eventId++;
  return { id: String(eventId), tenantId: 't1', incidentId: 'inc_1', at: T0, ...body } as IncidentEvent;
}

/** A request the fake received. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}
type Reply = unknown | { status: number; body: unknown };
type Handler = (call: Call) => Reply | Promise<Reply>;

/** Wraps a handler result as an error response. */
export const status = (code: number, body: unknown) => ({ __status: code, body });

/** What {@link fakeAurora} returns. */
export interface FakeAurora {
  /** A real client whose `fetch` is the fake. */
  client: AuroraClient;
  /** Every non-stream request, in order. */
  calls: Call[];
  /** Writes an event to every open connection of the stream at `path`. */
  send(path: string, event: IncidentEvent): void;
  openStreams(path: string): number;
  /** Renders inside an `AuroraProvider` with the client. */
  render(ui: ReactElement): RenderResult;
}

/** An in-memory API: `routes` maps `"METHOD /path"` to a JSON body or a handler. */
export function fakeAurora(routes: Record<string, Reply | Handler>): FakeAurora {
  const calls: Call[] = [];
  const streams = new Map<string, Array<ReadableStreamDefaultController<Uint8Array>>>();
  const encoder = new TextEncoder();

  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname.endsWith('/stream')) {
      let ctl!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start: (c) => {
          ctl = c;
        },
      });
      const list = streams.get(url.pathname) ?? [];
      list.push(ctl);
      streams.set(url.pathname, list);
      init?.signal?.addEventListener('abort', () => {
        streams.set(
          url.pathname,
          (streams.get(url.pathname) ?? []).filter((c) => c !== ctl),
        );
        try {
          ctl.error(new DOMException('aborted', 'AbortError'));
        } catch {}
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    const call: Call = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) {
      return Response.json(
        { error: { code: 'NOT_FOUND', message: `no route ${method} ${url.pathname}` } },
        { status: 404 },
      );
    }
    const out = typeof route === 'function' ? await (route as Handler)(call) : route;
    if (out && typeof out === 'object' && '__status' in out) {
      const o = out as { __status: number; body: unknown };
      return Response.json(o.body, { status: o.__status });
    }
    return Response.json(out);
  };

  const client: AuroraClient = createAuroraClient({
    baseUrl: 'http://aurora.test',
    fetch: fetchImpl,
    getToken: () => 'tok',
    reconnect: { initialDelayMs: 5, maxDelayMs: 10 },
    idleDelayMs: 0,
    openTimeoutMs: 30,
    pollIntervalMs: 1000,
  });

  return {
    client,
    calls,
    send(path: string, event: IncidentEvent) {
      for (const c of streams.get(path) ?? []) {
        c.enqueue(
          encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
        );
      }
    },
    openStreams: (path: string) => (streams.get(path) ?? []).length,
    render(ui: ReactElement) {
      return render(ui, {
        wrapper: ({ children }: { children: ReactNode }) => (
          <AuroraProvider client={client}>{children}</AuroraProvider>
        ),
      });
    },
  };
}
