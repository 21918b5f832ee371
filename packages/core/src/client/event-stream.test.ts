import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '../model/event.js';
import type { EventStreamState } from './event-stream.js';
import { openEventStream } from './event-stream.js';
import { BASE, event, type SseConnection, sseConnection, thought } from './test-fixtures.js';
import { createTransport } from './transport.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fast = { initialDelayMs: 10, maxDelayMs: 40, random: () => 0.5 };

describe('openEventStream', () => {
  it('reconnects after a drop and resumes with Last-Event-ID, with the auth header on every attempt', async () => {
    const connections: Array<{ lastEventId: string | null; auth: string | null; conn: SseConnection }> = [];
    server.use(
      http.get(`${BASE}/api/incidents/inc_1/stream`, ({ request }) => {
        const conn = sseConnection();
        connections.push({
          lastEventId: request.headers.get('last-event-id'),
          auth: request.headers.get('authorization'),
          conn,
        });
        return conn.response;
      }),
    );
    const received: IncidentEvent[] = [];
    const states: EventStreamState[] = [];
    const stream = openEventStream({
      transport: createTransport({ baseUrl: BASE, getToken: () => 'tok' }),
      path: '/api/incidents/inc_1/stream',
      onEvent: (e) => received.push(e),
      onStateChange: (s) => states.push(s),
      reconnect: fast,
    });

    await vi.waitFor(() => expect(connections).toHaveLength(1));
    const first = connections[0]!.conn;
    first.comment('ping');
    first.send(event({ type: 'thought', thoughts: [thought(1)] }, '101'));
    first.send(event({ type: 'thought', thoughts: [thought(2)] }, '102'));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    first.close(); // the server (or a proxy) drops the connection

    await vi.waitFor(() => expect(connections).toHaveLength(2));
    expect(connections[1]).toMatchObject({ lastEventId: '102', auth: 'Bearer tok' });
    connections[1]!.conn.send(event({ type: 'thought', thoughts: [thought(3)] }, '103'));
    await vi.waitFor(() => expect(received).toHaveLength(3));

    expect(received.map((e) => e.id)).toEqual(['101', '102', '103']);
    expect(stream.lastEventId).toBe('103');
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    stream.close();
    connections[1]!.conn.send(event({ type: 'thought', thoughts: [thought(4)] }, '104'));
    connections[1]!.conn.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(stream.state).toBe('closed');
    expect(received).toHaveLength(3); // nothing delivered and no reconnect after close()
    expect(connections).toHaveLength(2);
  });

  it('backs off while the server keeps failing, then recovers', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/api/incidents/stream`, () => {
        attempts++;
        if (attempts < 3)
          return HttpResponse.json({ error: { code: 'UPSTREAM', message: 'bus down' } }, { status: 503 });
        return sseConnection().response;
      }),
    );
    const errors: Array<string | undefined> = [];
    const stream = openEventStream({
      transport: createTransport({ baseUrl: BASE }),
      path: '/api/incidents/stream',
      onEvent: () => {},
      onStateChange: (s, e) => errors.push(`${s}:${e?.code ?? ''}`),
      reconnect: fast,
    });
    await vi.waitFor(() => expect(stream.state).toBe('open'));
    expect(attempts).toBe(3);
    expect(errors).toEqual(['reconnecting:UPSTREAM', 'reconnecting:UPSTREAM', 'open:']);
    stream.close();
  });

  it('gives up on a route that does not exist (404) instead of retrying forever', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/api/incidents/gone/stream`, () => {
        attempts++;
        return HttpResponse.json(
          { error: { code: 'NOT_FOUND', message: 'incident gone not found' } },
          { status: 404 },
        );
      }),
    );
    const onStateChange = vi.fn();
    const stream = openEventStream({
      transport: createTransport({ baseUrl: BASE }),
      path: '/api/incidents/gone/stream',
      onEvent: () => {},
      onStateChange,
      reconnect: fast,
    });
    await vi.waitFor(() => expect(stream.state).toBe('closed'));
    await new Promise((r) => setTimeout(r, 60));
    expect(attempts).toBe(1);
    expect(onStateChange).toHaveBeenCalledWith('closed', expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('openEventStream idle detection', () => {
  it('reconnects when a connection goes silent (no events, no heartbeats) and resumes from the last id', async () => {
    const connections: Array<{ lastEventId: string | null; conn: SseConnection }> = [];
    server.use(
      http.get(`${BASE}/api/incidents/stream`, ({ request }) => {
        const conn = sseConnection();
        connections.push({ lastEventId: request.headers.get('last-event-id'), conn });
        return conn.response;
      }),
    );
    const states: Array<string> = [];
    const stream = openEventStream({
      transport: createTransport({ baseUrl: BASE }),
      path: '/api/incidents/stream',
      onEvent: () => {},
      onStateChange: (s, e) => states.push(`${s}${e ? `:${e.code}` : ''}`),
      reconnect: { ...fast, idleTimeoutMs: 80 },
    });
    await vi.waitFor(() => expect(connections).toHaveLength(1));
    const first = connections[0]!.conn;
    first.send(event({ type: 'thought', thoughts: [thought(1)] }, '7'));
    // Heartbeats keep a quiet connection alive…
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 40));
      first.comment('ping');
    }
    expect(connections).toHaveLength(1);
    // …silence does not.
    await vi.waitFor(() => expect(connections).toHaveLength(2));
    expect(connections[1]!.lastEventId).toBe('7');
    expect(states.slice(0, 3)).toEqual(['open', 'reconnecting:TIMEOUT', 'open']);
    stream.close();
  });
});
