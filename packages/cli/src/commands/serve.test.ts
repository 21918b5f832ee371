import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';
import { startServe } from './serve.js';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readInput: async () => '',
    cwd: process.cwd(),
  };
  return { cli, out, err };
};

const config = {
  port: 0,
  tenants: [{ id: 'acme', tokens: ['${SERVE_TEST_TOKEN:-api-token}'] }],
  integrations: [
    { id: 'am', tenantId: 'acme', source: 'alertmanager', auth: { type: 'bearer', token: 'am-secret' } },
  ],
};

describe('aurora serve', () => {
  it('serves webhooks and the API from a config file', async () => {
    const { cli, out } = io();
    const running = await startServe(JSON.stringify(config), cli, {});
    try {
      expect(out.join('')).toMatch(/^AURORA_URL=http:\/\/127\.0\.0\.1:\d+\n$/);
      const payload = {
        receiver: 'aurora',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' },
            annotations: { summary: 'Errors above 5%' },
            startsAt: '2026-12-04T10:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: 'abc123',
          },
        ],
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://am',
        version: '4',
        groupKey: '{}',
      };
      const hook = await fetch(`${running.url}/api/webhooks/alertmanager/am`, {
        method: 'POST',
        body: JSON.stringify(payload),
        headers: { authorization: 'Bearer am-secret', 'content-type': 'application/json' },
      });
      expect(hook.status).toBe(202);
      expect((await fetch(`${running.url}/api/incidents`)).status).toBe(401);
      const list = await (
        await fetch(`${running.url}/api/incidents`, { headers: { authorization: 'Bearer api-token' } })
      ).json();
      expect(list.items.map((i: { title: string }) => i.title)).toEqual(['HighErrorRate']);
    } finally {
      await running.close();
    }
  });

  it('exits 2 with a one-line reason for a bad config', async () => {
    const { cli, err } = io();
    const file = new URL('./serve.test.ts', import.meta.url).pathname; // not JSON
    expect(await main(['node', 'aurora', 'serve', '--config', file], cli)).toBe(2);
    expect(err.join('')).toMatch(/^aurora serve: /);
    const { cli: cli2, err: err2 } = io();
    expect(await main(['node', 'aurora', 'serve', '--config', '/nonexistent.json'], cli2)).toBe(2);
    expect(err2.join('')).toMatch(/cannot read/);
  });
});
