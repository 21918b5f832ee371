import { executeTool, type ToolContext } from '@aurora-rca/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpGetTool } from './http-get.js';

let hits = 0;
const server = setupServer(
  http.get('http://web.shop.svc:8080/healthz', () => {
    hits++;
    return HttpResponse.json({ status: 'degraded', db: 'connection refused' }, { status: 503 });
  }),
  http.get('http://web.shop.svc:8080/status', () => {
    hits++;
    return HttpResponse.text('ok');
  }),
  http.get('http://web.shop.svc:8080/status/redirect', () => {
    hits++;
    return new HttpResponse(null, {
      status: 302,
      headers: { location: 'http://169.254.169.254/latest/meta-data/' },
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  hits = 0;
});
afterAll(() => server.close());

const ctx: ToolContext = {
  tenantId: 't1',
  mode: 'ask',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
};
const tool = httpGetTool({
  allowlist: ['http://web.shop.svc:8080/status', 'http://web.shop.svc:8080/healthz'],
});

describe('httpGetTool', () => {
  it('fetches an allowlisted URL and shows the status and body', async () => {
    const ok = await executeTool(tool, { url: 'http://web.shop.svc:8080/status' }, ctx);
    expect(ok).toMatchObject({ status: 'ok', command: 'GET http://web.shop.svc:8080/status' });
    expect(ok.output).toMatch(/^HTTP 200 OK\ncontent-type: text\/plain/);
    const down = await executeTool(tool, { url: 'http://web.shop.svc:8080/healthz' }, ctx);
    expect(down).toMatchObject({ status: 'error', reason: 'HTTP 503' });
    expect(down.output).toContain('connection refused');
  });

  it('refuses URLs off the allowlist without sending a request', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://web.shop.svc:8081/status',
      'https://web.shop.svc:8080/status',
      'http://web.shop.svc:8080/admin',
      'http://user:pw@web.shop.svc:8080/status',
      'file:///etc/passwd',
    ]) {
      const result = await executeTool(tool, { url }, ctx);
      expect(result.status, url).toBe('error');
      expect(result.decision.decision).toBe('deny');
    }
    expect(hits).toBe(0);
  });

  it('does not follow redirects', async () => {
    const result = await executeTool(tool, { url: 'http://web.shop.svc:8080/status/redirect' }, ctx);
    expect(result.status).toBe('error');
    expect(result.output).toContain('location: http://169.254.169.254/latest/meta-data/ (not followed)');
    expect(hits).toBe(1);
  });
});

describe('httpGetTool body cap', () => {
  it('reads only up to the cap of a huge body and marks it truncated', async () => {
    server.use(
      http.get('http://web.shop.svc:8080/status/big', () => HttpResponse.text('x'.repeat(2_000_000))),
    );
    const small = httpGetTool({ allowlist: ['http://web.shop.svc:8080/status'], maxBodyChars: 100 });
    const result = await executeTool(small, { url: 'http://web.shop.svc:8080/status/big' }, ctx);
    expect(result.status).toBe('ok');
    expect(result.truncated).toBe(true);
    expect(result.output).toMatch(/x{100}\n… \[truncated\]$/);
  });
});
