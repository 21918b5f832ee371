import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';
import { splunkSource } from './splunk.js';

const splunk = splunkSource();

describe('splunk enterprise', () => {
  it('maps the docs webhook with a null search_name (falls back to sid)', () => {
    const [a] = parse(splunk, fixture('splunk/enterprise-webhook-docs.json'));
    expect(a).toMatchObject({
      source: 'splunk',
      title: 'scheduler_admin_search_W2_at_14232356_132',
      status: 'firing', // Splunk sends no resolve
      service: 'mongod', // sourcetype
      labels: { sourcetype: 'mongod', count: '8', splunk_app: 'search', splunk_owner: 'admin' },
      url: 'http://web.example.local:8000/app/search/@go?sid=scheduler_admin_search_W2_at_14232356_132',
      startedAt: RECEIVED_AT,
    });
  });

  it('keys a named saved search by its name, so the next run de-duplicates', () => {
    const base = fixture('splunk/enterprise-webhook-docs.json') as Record<string, unknown>;
    const run1 = { ...base, search_name: 'Mongo errors', sid: 'scheduler_1' };
    const run2 = {
      ...base,
      search_name: 'Mongo errors',
      sid: 'scheduler_2',
      result: { ...(base.result as object), _time: '1767225600' },
    };
    const [a] = parse(splunk, run1);
    const [b] = parse(splunk, run2);
    expect(a!.title).toBe('Mongo errors');
    expect(b!.fingerprint).toBe(a!.fingerprint);
    expect(b!.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(b!.labels).not.toHaveProperty('_time'); // Splunk internal fields are not labels
  });
});

describe('splunk observability', () => {
  it('maps the docs detector (5-digit year timestamp falls back to receive time)', () => {
    const [a] = parse(splunk, fixture('splunk/observability-detector-anomalous-critical.json'));
    expect(a).toMatchObject({
      fingerprint: 'splunk:incident:<id>',
      title: 'My detector rule',
      description: 'Latency of host myserver is 43.4, over a datacenter-wide latency of 42.9',
      severity: 'critical',
      status: 'firing',
      service: 'myserver',
      labels: { host: 'myserver', dc: 'us-west-1', detector: 'My detector' },
      startedAt: RECEIVED_AT,
      url: 'https://app.<REALM>.signalfx.com/#/detector/<id>/edit',
    });
  });

  it('ok resolves the same incident; Major maps to high', () => {
    const body = fixture('splunk/observability-detector-anomalous-critical.json') as Record<string, unknown>;
    const [f] = parse(splunk, { ...body, severity: 'Major' });
    const [r] = parse(splunk, {
      ...body,
      status: 'ok',
      statusExtended: 'ok',
      timestamp: '2026-01-01T00:00:00Z',
    });
    expect(f!.severity).toBe('high');
    expect(r).toMatchObject({
      status: 'resolved',
      fingerprint: f!.fingerprint,
      endedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(parse(splunk, { ...body, statusExtended: 'manually resolved' })[0]!.status).toBe('resolved');
  });

  it('names a missing search name and status', () => {
    const ctx = { headers: {}, receivedAt: RECEIVED_AT };
    expectInvalid(() => splunk.parse({ search_name: null, sid: null, result: {} }, ctx), 'search_name');
    expectInvalid(() => splunk.parse({ detector: 'd' }, ctx), 'statusExtended');
  });

  it('verifies X-SFX-Signature (base64 HMAC) over the raw body', async () => {
    const rawBody = JSON.stringify(fixture('splunk/observability-detector-anomalous-critical.json'));
    const sig = createHmac('sha256', 'shared').update(rawBody).digest('base64');
    const integration = {
      id: 'i',
      tenantId: 't',
      source: 'splunk',
      auth: { type: 'sfx' as const, secret: 'shared' },
    };
    await expect(
      splunk.verify({ headers: { 'x-sfx-signature': sig }, rawBody, now: 0 }, integration),
    ).resolves.toBeUndefined();
  });
});
