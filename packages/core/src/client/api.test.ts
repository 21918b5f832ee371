import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuroraError } from '../errors.js';
import { createAuroraClient } from './create-client.js';
import { BASE, detail, fix, incident } from './test-fixtures.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('client API methods', () => {
  it('sends the bearer token from getToken and the filters as query parameters', async () => {
    let seen: { auth: string | null; tenant: string | null; url: URL } | null = null;
    server.use(
      http.get(`${BASE}/api/incidents`, ({ request }) => {
        seen = {
          auth: request.headers.get('authorization'),
          tenant: request.headers.get('x-tenant'),
          url: new URL(request.url),
        };
        return HttpResponse.json({ items: [incident()], nextCursor: 'c2' });
      }),
    );
    let token = 'first';
    const client = createAuroraClient({
      baseUrl: `${BASE}/`,
      getToken: () => token,
      headers: { 'X-Tenant': 't1' },
    });
    const page = await client.listIncidents({ status: ['investigating', 'analyzed'], limit: 20 });
    expect(page.items[0]?.id).toBe('inc_1');
    expect(page.nextCursor).toBe('c2');
    expect(seen!.auth).toBe('Bearer first');
    expect(seen!.tenant).toBe('t1');
    expect(seen!.url.searchParams.get('status')).toBe('investigating,analyzed');
    expect(seen!.url.searchParams.get('limit')).toBe('20');
    expect(seen!.url.searchParams.has('cursor')).toBe(false);
    token = 'refreshed';
    await client.listIncidents();
    expect(seen!.auth).toBe('Bearer refreshed');
  });

  it("throws an AuroraError carrying the server's code, message and status", async () => {
    server.use(
      http.patch(`${BASE}/api/incidents/inc_1`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'INVALID_TRANSITION',
              message: 'Cannot move an incident from resolved to analyzed',
            },
          },
          { status: 409 },
        ),
      ),
      http.get(`${BASE}/api/incidents/inc_x`, () =>
        HttpResponse.json(
          { error: { code: 'NOT_FOUND', message: 'incident inc_x not found' } },
          { status: 404 },
        ),
      ),
    );
    const client = createAuroraClient({ baseUrl: BASE });
    const error = await client.updateIncident('inc_1', { status: 'analyzed' }).catch((e: unknown) => e);
    expect(AuroraError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('resolved') });
    expect((error as AuroraError).details?.status).toBe(409);
    await expect(client.getIncident('inc_x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('maps a non-JSON gateway error and a network failure to UPSTREAM', async () => {
    server.use(
      http.get(
        `${BASE}/api/incidents/inc_1`,
        () => new HttpResponse('<html>Bad gateway</html>', { status: 502 }),
      ),
      http.get(`${BASE}/api/chat/sessions/chs_1`, () => HttpResponse.error()),
    );
    const client = createAuroraClient({ baseUrl: BASE });
    await expect(client.getIncident('inc_1')).rejects.toMatchObject({
      code: 'UPSTREAM',
      details: { status: 502 },
    });
    await expect(client.getChatSession('chs_1')).rejects.toMatchObject({ code: 'UPSTREAM' });
  });

  it('posts chat questions with the session id and approval decisions to their routes', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    server.use(
      http.post(`${BASE}/api/incidents/inc_1/chat`, async ({ request }) => {
        calls.push({ url: request.url, body: await request.json() });
        return HttpResponse.json({ sessionId: 'chs_1', messageId: 'msg_1' }, { status: 202 });
      }),
      http.post(`${BASE}/api/chat/sessions/chs_1/approvals/apr_1`, async ({ request }) => {
        calls.push({ url: request.url, body: await request.json() });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const client = createAuroraClient({ baseUrl: BASE });
    await expect(
      client.askChat('inc_1', { question: 'Why?', mode: 'agent', sessionId: 'chs_1' }),
    ).resolves.toEqual({
      sessionId: 'chs_1',
      messageId: 'msg_1',
    });
    await client.decideApproval('chs_1', 'apr_1', { decision: 'deny', reason: 'not during peak' });
    expect(calls).toEqual([
      { url: `${BASE}/api/incidents/inc_1/chat?session_id=chs_1`, body: { question: 'Why?', mode: 'agent' } },
      {
        url: `${BASE}/api/chat/sessions/chs_1/approvals/apr_1`,
        body: { decision: 'deny', reason: 'not during peak' },
      },
    ]);
  });

  it('applies a fix and returns the pull request', async () => {
    const applied = {
      ...fix(),
      status: 'applied',
      prUrl: 'https://github.com/acme/checkout/pull/42',
      prNumber: 42,
    };
    server.use(
      http.post(`${BASE}/api/suggestions/sug_2/apply`, () =>
        HttpResponse.json({
          suggestion: applied,
          pullRequest: {
            url: applied.prUrl,
            number: 42,
            branch: 'aurora/fix-incident-inc_1-1',
            baseBranch: 'main',
          },
        }),
      ),
      http.get(`${BASE}/api/incidents/inc_1`, () => HttpResponse.json(detail())),
    );
    const client = createAuroraClient({ baseUrl: BASE });
    const result = await client.applySuggestion('sug_2');
    expect(result.pullRequest.url).toBe('https://github.com/acme/checkout/pull/42');
  });
});
