import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { auroraExpress, mountAurora } from './index.js';

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: (r: Request) => Promise<Response>) {
  const app = express();
  app.use(auroraExpress(handler));
  app.use(express.json());
  app.post('/host/echo', (req, res) => {
    res.json({ host: true, body: req.body });
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('auroraExpress', () => {
  it('passes the raw body byte-for-byte, method, path, query and headers to the Web handler', async () => {
    let seen: { method: string; url: string; body: string; sig: string | null } | undefined;
    const base = await serve(async (req) => {
      seen = {
        method: req.method,
        url: new URL(req.url).pathname + new URL(req.url).search,
        body: await req.text(),
        sig: req.headers.get('x-sig'),
      };
      return new Response(JSON.stringify({ ok: true }), {
        status: 202,
        headers: { 'content-type': 'application/json', 'x-extra': '1' },
      });
    });
    const raw = '{ "b":1,\t"a" : "é\\u0026" }';
    const res = await fetch(`${base}/api/webhooks/grafana/i1?x=1`, {
      method: 'POST',
      body: raw,
      headers: { 'x-sig': 'abc', 'content-type': 'application/json' },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-extra')).toBe('1');
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toEqual({ method: 'POST', url: '/api/webhooks/grafana/i1?x=1', body: raw, sig: 'abc' });
  });

  it("leaves the host's own routes alone", async () => {
    const base = await serve(async () => new Response('should not be called', { status: 500 }));
    const res = await fetch(`${base}/host/echo`, {
      method: 'POST',
      body: JSON.stringify({ a: 1 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await res.json()).toEqual({ host: true, body: { a: 1 } });
  });

  it('streams a server-sent-event body as it is produced and aborts the handler signal when the client leaves', async () => {
    let aborted: () => void = () => {};
    const abortedP = new Promise<void>((r) => {
      aborted = r;
    });
    const base = await serve(async (req) => {
      req.signal.addEventListener('abort', () => aborted());
      const enc = new TextEncoder();
      let timer: ReturnType<typeof setInterval>;
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          timer = setInterval(() => c.enqueue(enc.encode(`id: ${++n}\ndata: tick\n\n`)), 20);
        },
        cancel() {
          clearInterval(timer);
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const controller = new AbortController();
    const res = await fetch(`${base}/api/incidents/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('id: 1');
    controller.abort();
    await abortedP; // the handler learns the client went away
  });
});

describe('mountAurora', () => {
  async function listen(app: express.Express) {
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('serves the handler under basePath with the full URL, and leaves other paths to the host', async () => {
    const seen: string[] = [];
    const app = mountAurora(
      express(),
      async (req) => {
        seen.push(new URL(req.url).pathname);
        return Response.json({ items: [] });
      },
      { basePath: '/aurora/' },
    );
    app.get('/api/incidents', (_req, res) => {
      res.send('host route');
    });
    const base = await listen(app);

    expect(await (await fetch(`${base}/aurora/api/incidents?limit=5`)).json()).toEqual({ items: [] });
    expect(await (await fetch(`${base}/api/incidents`)).text()).toBe('host route');
    expect(seen).toEqual(['/aurora/api/incidents']);
    expect(() => mountAurora(express(), async () => new Response(), { basePath: 'aurora' })).toThrow(
      /start with \//,
    );
  });

  it('keeps several Set-Cookie headers', async () => {
    const base = await listen(
      mountAurora(express(), async () => {
        const headers = new Headers();
        headers.append('set-cookie', 'a=1; Path=/');
        headers.append('set-cookie', 'b=2; Path=/');
        return new Response(null, { status: 204, headers });
      }),
    );
    const res = await fetch(`${base}/api/anything`);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});
