import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncidentDetailResponse } from '../http/wire.js';
import { type AuroraClient, createAuroraClient } from './create-client.js';
import {
  BASE,
  citation,
  detail,
  diagnostic,
  event,
  incident,
  message,
  type SseConnection,
  session,
  sseConnection,
  thought,
} from './test-fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let client: AuroraClient;
afterEach(() => client?.close());

function newClient(): AuroraClient {
  client = createAuroraClient({
    baseUrl: BASE,
    getToken: () => 'tok',
    reconnect: { initialDelayMs: 10, maxDelayMs: 20 },
    pollIntervalMs: 20,
    openTimeoutMs: 200,
    idleDelayMs: 0,
  });
  return client;
}

/** Serves the stream at `path`, recording every connection. */
function streamRoute(path: string): SseConnection[] {
  const connections: SseConnection[] = [];
  server.use(
    http.get(`${BASE}${path}`, () => {
      const conn = sseConnection();
      connections.push(conn);
      return conn.response;
    }),
  );
  return connections;
}

describe('incident store', () => {
  it('appends streamed thoughts and citations in order, without duplicates, keeping unchanged rows', async () => {
    const streams = streamRoute('/api/incidents/inc_1/stream');
    server.use(
      http.get(`${BASE}/api/incidents/inc_1`, () => HttpResponse.json(detail({ thoughts: [thought(1)] }))),
    );
    const store = newClient().incident('inc_1');
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().data?.thoughts).toHaveLength(1));
    expect(store.getSnapshot().live).toBe('live');
    const firstRow = store.getSnapshot().data!.thoughts[0];

    const conn = streams[0]!;
    conn.send(event({ type: 'thought', thoughts: [thought(3)] }));
    conn.send(event({ type: 'thought', thoughts: [thought(2)] })); // late arrival
    conn.send(event({ type: 'thought', thoughts: [thought(3), thought(1)] })); // replay after a resume
    conn.send(event({ type: 'citation', citation: citation(2) }));
    conn.send(event({ type: 'citation', citation: citation(10) }));
    conn.send(event({ type: 'citation', citation: citation(1) }));
    conn.send(event({ type: 'thought', thoughts: [thought(1, 'inc_other')] })); // not this incident
    await vi.waitFor(() => expect(store.getSnapshot().data?.citations).toHaveLength(3));

    const data = store.getSnapshot().data!;
    expect(data.thoughts.map((t) => t.seq)).toEqual([1, 2, 3]);
    expect(data.citations.map((c) => c.key)).toEqual(['1', '2', '10']);
    expect(data.thoughts[0]).toBe(firstRow);
    unsubscribe();
  });

  it('applies status changes and suggestions, and runs a diagnostic adding its citation', async () => {
    const streams = streamRoute('/api/incidents/inc_1/stream');
    server.use(
      http.get(`${BASE}/api/incidents/inc_1`, () =>
        HttpResponse.json(detail({ suggestions: [diagnostic()] })),
      ),
      http.post(`${BASE}/api/suggestions/sug_1/execute`, () =>
        HttpResponse.json({
          suggestion: { ...diagnostic(), status: 'executed', resultCitationKey: '4' },
          citation: citation(4),
        }),
      ),
    );
    const store = newClient().incident('inc_1');
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('success'));
    const analyzed = incident({
      status: 'analyzed',
      auroraStatus: 'complete',
      summary: 'Pool exhausted [1]',
      version: 2,
    });
    streams[0]!.send(event({ type: 'incident.updated', incident: analyzed, changes: ['status'] }));
    await vi.waitFor(() => expect(store.getSnapshot().data?.incident.status).toBe('analyzed'));
    // An older version arriving late does not roll the incident back.
    streams[0]!.send(event({ type: 'incident.updated', incident: incident({ version: 1 }), changes: [] }));

    const running = store.executeSuggestion('sug_1');
    expect(store.getSnapshot().suggestionActions.sug_1?.pending).toBe('execute');
    await running;
    const after = store.getSnapshot();
    expect(after.suggestionActions.sug_1).toEqual({ pending: null, error: null, pullRequest: null });
    expect(after.data?.suggestions[0]).toMatchObject({ status: 'executed', resultCitationKey: '4' });
    expect(after.data?.citations.map((c) => c.key)).toEqual(['4']);
    expect(after.data?.incident.status).toBe('analyzed');
    unsubscribe();
  });

  it('reports NOT_FOUND for an incident the caller cannot see', async () => {
    server.use(
      http.get(`${BASE}/api/incidents/inc_9/stream`, () =>
        HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'not found' } }, { status: 404 }),
      ),
      http.get(`${BASE}/api/incidents/inc_9`, () =>
        HttpResponse.json(
          { error: { code: 'NOT_FOUND', message: 'incident inc_9 not found' } },
          { status: 404 },
        ),
      ),
    );
    const store = newClient().incident('inc_9');
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('error'));
    expect(store.getSnapshot().error?.code).toBe('NOT_FOUND');
    unsubscribe();
  });
});

describe('incidents store', () => {
  it('shows a new incident from the stream without a reload and drops one that leaves the filter', async () => {
    const streams = streamRoute('/api/incidents/stream');
    server.use(
      http.get(`${BASE}/api/incidents`, () => HttpResponse.json({ items: [incident()], nextCursor: null })),
    );
    const store = newClient().incidents({ status: 'investigating' });
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().items).toHaveLength(1));
    const newer = incident({ id: 'inc_2', startedAt: '2026-03-01T11:00:00.000Z' });
    streams[0]!.send(event({ type: 'incident.created', incident: newer }));
    await vi.waitFor(() => expect(store.getSnapshot().items.map((i) => i.id)).toEqual(['inc_2', 'inc_1']));
    const resolved = incident({ status: 'resolved', version: 2 });
    streams[0]!.send(event({ type: 'incident.updated', incident: resolved, changes: ['status'] }));
    await vi.waitFor(() => expect(store.getSnapshot().items.map((i) => i.id)).toEqual(['inc_2']));
    unsubscribe();
  });

  it('falls back to polling while the stream is down, and stops polling once it is back', async () => {
    let streamUp = false;
    let listCalls = 0;
    let items = [incident()];
    server.use(
      http.get(`${BASE}/api/incidents/stream`, () =>
        streamUp ? sseConnection().response : new HttpResponse('upstream unavailable', { status: 503 }),
      ),
      http.get(`${BASE}/api/incidents`, () => {
        listCalls++;
        return HttpResponse.json({ items, nextCursor: null });
      }),
    );
    const store = newClient().incidents();
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().live).toBe('polling'));
    items = [incident({ id: 'inc_2', startedAt: '2026-03-01T11:00:00.000Z' }), incident()];
    await vi.waitFor(() => expect(store.getSnapshot().items).toHaveLength(2));
    streamUp = true;
    await vi.waitFor(() => expect(store.getSnapshot().live).toBe('live'));
    const callsWhenLive = listCalls;
    await new Promise((r) => setTimeout(r, 80));
    expect(listCalls).toBe(callsWhenLive);
    unsubscribe();
  });

  it('updates every cached list after a merge through the client', async () => {
    streamRoute('/api/incidents/stream');
    const target = incident({ id: 'inc_2', alertCount: 1 });
    server.use(
      http.get(`${BASE}/api/incidents`, () =>
        HttpResponse.json({ items: [incident(), target], nextCursor: null }),
      ),
      http.post(`${BASE}/api/incidents/inc_1/merge`, () =>
        HttpResponse.json({
          source: incident({ status: 'merged', mergedIntoId: 'inc_2', version: 2 }),
          target: { ...target, alertCount: 2, version: 2 },
          movedAlerts: 1,
        }),
      ),
    );
    const c = newClient();
    const store = c.incidents();
    const unsubscribe = store.subscribe(() => {});
    await vi.waitFor(() => expect(store.getSnapshot().items).toHaveLength(2));
    await c.mergeIncident('inc_1', 'inc_2');
    expect(store.getSnapshot().items.map((i) => [i.id, i.alertCount])).toEqual([['inc_2', 2]]);
    unsubscribe();
  });
});

describe('chat store', () => {
  it('asks a question, streams the answer in, and approves a pending command', async () => {
    const streams = streamRoute('/api/incidents/inc_1/stream');
    let sessionMessages = [message(1)];
    const decisions: unknown[] = [];
    const base: IncidentDetailResponse = detail({ chatSessions: [] });
    server.use(
      http.get(`${BASE}/api/incidents/inc_1`, () => HttpResponse.json(base)),
      http.post(`${BASE}/api/incidents/inc_1/chat`, ({ request }) => {
        expect(new URL(request.url).searchParams.has('session_id')).toBe(false);
        return HttpResponse.json({ sessionId: 'chs_1', messageId: 'msg_1' }, { status: 202 });
      }),
      http.get(`${BASE}/api/chat/sessions/chs_1`, () =>
        HttpResponse.json({ session: session(), messages: sessionMessages }),
      ),
      http.post(`${BASE}/api/chat/sessions/chs_1/approvals/apr_1`, async ({ request }) => {
        decisions.push(await request.json());
        sessionMessages = [
          ...sessionMessages.slice(0, 1),
          message(2, {
            content: 'Restart?',
            approval: {
              id: 'apr_1',
              tool: 'kubectl',
              args: [],
              command: 'kubectl rollout restart deploy/checkout-api',
              reason: 'restart',
              status: 'approved',
              decidedBy: 'u1',
              decidedAt: '2026-03-01T10:01:00.000Z',
            },
          }),
        ];
        return HttpResponse.json({ ok: true });
      }),
    );
    const chat = newClient().chat('inc_1');
    const unsubscribe = chat.subscribe(() => {});
    await chat.ask('Why is checkout failing?', 'agent');
    expect(chat.getSnapshot()).toMatchObject({ sessionId: 'chs_1', sending: false });
    expect(chat.getSnapshot().messages.map((m) => m.content)).toEqual(['Why is checkout failing?']);

    const conn = streams[0]!;
    conn.send(
      event({ type: 'chat.message', message: message(2, { content: 'The pool', status: 'streaming' }) }),
    );
    await vi.waitFor(() => expect(chat.getSnapshot().messages[1]?.content).toBe('The pool'));
    conn.send(
      event({
        type: 'chat.message',
        message: message(2, {
          content: 'The pool is exhausted [1]. Restart?',
          approval: {
            id: 'apr_1',
            tool: 'kubectl',
            args: ['rollout', 'restart', 'deploy/checkout-api'],
            command: 'kubectl rollout restart deploy/checkout-api',
            reason: 'Restart clears the stuck connections',
            status: 'pending',
            decidedBy: null,
            decidedAt: null,
          },
        }),
      }),
    );
    await vi.waitFor(() => expect(chat.getSnapshot().pendingApprovals).toHaveLength(1));
    expect(chat.getSnapshot().messages).toHaveLength(2);

    await chat.decide('apr_1', 'approve');
    expect(decisions).toEqual([{ decision: 'approve' }]);
    expect(chat.getSnapshot().pendingApprovals).toHaveLength(0);
    expect(chat.getSnapshot().deciding).toEqual([]);
    unsubscribe();
  });
});
