/**
 * Test-only helper (not exported from the package): msw wrapped once, so every adapter test
 * replays recorded vendor responses the same way and can assert on the exact requests sent.
 *
 * msw's `setupServer` patches Node's global `fetch` while listening; clients that receive an
 * injected `fetch` should be given {@link TestServer.fetch}, which always calls the *current*
 * global (and therefore the patched one), whenever the client was built.
 */
import { readFileSync } from 'node:fs';
import { type HttpHandler, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** One request the code under test sent. */
export interface CapturedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Raw body text ('' when none). */
  text: string;
  /** Body parsed as JSON, `undefined` when it is not JSON. */
  json: unknown;
}

/** A response to replay: JSON, or a Server-Sent Events body sent one event per chunk. */
export type Replay =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; sse: string; headers?: Record<string, string> };

export interface TestServer {
  /** Every request seen since the last reset, in order. */
  readonly requests: CapturedRequest[];
  /**
   * Answers `method url` with the given responses, one per request, in order; the last one
   * repeats. `url` is an absolute URL or msw path pattern (`https://api.github.com/repos/:o/:r`).
   */
  on(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, ...responses: Replay[]): void;
  /** A fetch that always goes through the (patched) global fetch. */
  fetch: typeof globalThis.fetch;
}

/** Reads a recording next to the caller: `recording(import.meta.url, '__recordings__/x.json')`. */
export function recording(base: string, path: string): string {
  return readFileSync(new URL(path, base), 'utf8');
}

/** Parses a JSON recording. */
export function jsonRecording<T = any>(base: string, path: string): T {
  return JSON.parse(recording(base, path)) as T;
}

function toResponse(replay: Replay): Response {
  const status = replay.status ?? 200;
  if ('json' in replay) {
    if (status === 204 || status === 304) return new Response(null, { status, headers: replay.headers });
    return new Response(JSON.stringify(replay.json), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...replay.headers },
    });
  }
  // One enqueue per SSE event, so the client really receives the stream in pieces.
  const events = replay.sse.split(/\n\n/).filter((e) => e.trim() !== '');
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = events.shift();
      if (next === undefined) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`${next}\n\n`));
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...replay.headers,
    },
  });
}

/**
 * Starts msw for the current test file (`beforeAll`/`afterEach`/`afterAll` hooks). Any request
 * without a handler fails the request (`onUnhandledRequest: 'error'`), so nothing reaches the
 * network by accident.
 */
export function useTestServer(): TestServer {
  const server = setupServer();
  const requests: CapturedRequest[] = [];

  // Captured inside the handler (awaited before the response), so a test that awaited the
  // client call always sees every request it caused.
  const capture = async (request: Request) => {
    const text = await request.clone().text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      text,
      json,
    });
  };

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());

  const methods = { GET: http.get, POST: http.post, PATCH: http.patch, PUT: http.put, DELETE: http.delete };
  return {
    requests,
    on(method, url, ...responses) {
      if (responses.length === 0) throw new Error('on() needs at least one response');
      let i = 0;
      const handler: HttpHandler = methods[method](url, async ({ request }) => {
        await capture(request);
        const replay = responses[Math.min(i, responses.length - 1)]!;
        i++;
        return toResponse(replay);
      });
      server.use(handler);
    },
    fetch: (input, init) => globalThis.fetch(input, init),
  };
}
