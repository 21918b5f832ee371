import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRoot, type StartedServer, startExampleServer } from './start-server.js';

/**
 * Starts the example server as a user would (`pnpm demo` entry, embedded PostgreSQL in a
 * temporary data directory, no built-in alert storm), posts real vendor payloads signed as
 * each vendor signs them, and follows one incident to resolved with a postmortem — over the
 * public HTTP API only.
 */
const fixture = (p: string) => readFileSync(join(exampleRoot, '../../fixtures/payloads', p), 'utf8');
let server: StartedServer;
let url = '';
let token = '';

beforeAll(async () => {
  server = await startExampleServer({
    AURORA_TOKEN: 'e2e-token',
    GRAFANA_WEBHOOK_SECRET: 'e2e-grafana',
    PAGERDUTY_WEBHOOK_SECRET: 'e2e-pagerduty',
    ALERTMANAGER_WEBHOOK_TOKEN: 'e2e-alertmanager',
  });
  ({ url, token } = server);
}, 120_000);
afterAll(() => server?.stop(), 60_000);

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('example server, end to end', () => {
  it('prints its URL and token, and serves health and metrics', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toBe('e2e-token');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('aurora_incidents_open');
    expect(metrics).toContain('aurora_investigations_running');
  });

  it('refuses an unsigned Grafana webhook (401) and a bad API token (401)', async () => {
    const body = fixture('grafana/unified-docs-firing-multi.json');
    const res = await fetch(`${url}/api/webhooks/grafana/grafana-main`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    const list = await fetch(`${url}/api/incidents`, { headers: { authorization: 'Bearer wrong' } });
    expect(list.status).toBe(401);
  });

  it('follows a signed PagerDuty incident from webhook to analyzed to resolved with a postmortem', async () => {
    const payload = fixture('pagerduty/v3-incident-triggered.json');
    const sig = createHmac('sha256', 'e2e-pagerduty').update(payload).digest('hex');
    const res = await fetch(`${url}/api/webhooks/pagerduty/pagerduty-main`, {
      method: 'POST',
      body: payload,
      headers: { 'content-type': 'application/json', 'x-pagerduty-signature': `v1=${sig}` },
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { incidents: Array<{ id: string; created: boolean }> };
    const id = accepted.incidents[0]!.id;
    expect(accepted.incidents[0]!.created).toBe(true);

    // The background investigation (rule-based analyst) reaches a terminal state.
    await expect
      .poll(async () => (await api('GET', `/api/incidents/${id}`)).body.incident.auroraStatus, {
        timeout: 60_000,
        interval: 500,
      })
      .toMatch(/complete|failed/);
    const detail = (await api('GET', `/api/incidents/${id}`)).body;
    expect(detail.incident.auroraStatus).toBe('complete');
    expect(detail.incident.status).toBe('analyzed');
    expect(detail.thoughts.length).toBeGreaterThan(0);
    expect(detail.alerts[0].source).toBe('pagerduty');
    expect(detail.alerts[0].raw).toBeTruthy();

    // PagerDuty then resolves the same incident. The fixtures' resolved sample is another
    // incident, so the resolve is the triggered payload with the fields PagerDuty changes.
    const event = JSON.parse(payload);
    event.event.event_type = 'incident.resolved';
    event.event.data.status = 'resolved';
    const resolved = JSON.stringify(event);
    const sig2 = createHmac('sha256', 'e2e-pagerduty').update(resolved).digest('hex');
    const res2 = await fetch(`${url}/api/webhooks/pagerduty/pagerduty-main`, {
      method: 'POST',
      body: resolved,
      headers: { 'content-type': 'application/json', 'x-pagerduty-signature': `v1=${sig2}` },
    });
    expect(res2.status).toBe(202);
    await expect
      .poll(async () => (await api('GET', `/api/incidents/${id}`)).body.incident.status, { timeout: 30_000 })
      .toBe('resolved');
    await expect
      .poll(async () => (await api('GET', `/api/incidents/${id}`)).body.postmortem?.markdown ?? '', {
        timeout: 30_000,
      })
      .toContain('Root cause');
  });

  it('opens an incident from free text and resolves it through PATCH with a postmortem', async () => {
    const created = await api('POST', '/api/incidents', {
      title: 'Checkout latency above SLO',
      service: 'checkout',
      severity: 'high',
    });
    expect(created.status).toBe(201);
    const id = created.body.incident.id;
    const patched = await api('PATCH', `/api/incidents/${id}`, { status: 'resolved' });
    expect(patched.status).toBe(200);
    await expect
      .poll(async () => (await api('GET', `/api/incidents/${id}`)).body.postmortem?.version ?? 0, {
        timeout: 30_000,
      })
      .toBe(1);
    expect((await api('PATCH', `/api/incidents/${id}`, { status: 'investigating' })).status).toBe(409);
  });
});
