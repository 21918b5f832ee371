import { describe, expect, it } from 'vitest';
import { pagerdutySource } from './pagerduty.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const pd = pagerdutySource();

describe('pagerduty V3 webhooks', () => {
  it('maps incident.triggered', () => {
    const [a] = parse(pd, fixture('pagerduty/v3-incident-triggered.json'));
    expect(a).toMatchObject({
      source: 'pagerduty',
      fingerprint: 'pagerduty:incident:PFQZPSY',
      sourceAlertId: 'PFQZPSY',
      title: 'Test Incident 3',
      status: 'firing',
      severity: 'high', // urgency high, priority null
      service: 'pig208',
      url: 'https://pig208.pagerduty.com/incidents/PFQZPSY',
      // No created_at in the payload: the event time is the best start time.
      startedAt: '2021-06-04T13:35:29.781Z',
      endedAt: null,
      labels: {
        urgency: 'high',
        incident_number: '9',
        service_id: 'PA2P440',
        event_type: 'incident.triggered',
      },
    });
  });

  it('maps incident.resolved with its end time', () => {
    const [a] = parse(pd, fixture('pagerduty/v3-incident-resolved.json'));
    expect(a).toMatchObject({
      fingerprint: 'pagerduty:incident:PCPZE64',
      title: 'Test Incident',
      status: 'resolved',
      service: 'pig208',
      endedAt: '2021-06-04T13:16:53.816Z',
    });
  });

  it('resolve of the same incident shares the triggered fingerprint', () => {
    const triggered = fixture('pagerduty/v3-incident-triggered.json') as {
      event: { event_type: string; data: Record<string, unknown> };
    };
    const resolved = structuredClone(triggered);
    resolved.event.event_type = 'incident.resolved';
    resolved.event.data.status = 'resolved';
    expect(parse(pd, resolved)[0]!.fingerprint).toBe(parse(pd, triggered)[0]!.fingerprint);
    expect(parse(pd, resolved)[0]!.status).toBe('resolved');
  });

  it('prefers priority over urgency for severity', () => {
    const body = fixture('pagerduty/v3-incident-triggered.json') as {
      event: { data: Record<string, unknown> };
    };
    body.event.data.priority = { summary: 'P1' };
    expect(parse(pd, body)[0]!.severity).toBe('critical');
  });

  it('ignores non-incident events and marks the ping as a test', () => {
    expect(
      parse(pd, { event: { event_type: 'service.updated', data: { type: 'service', id: 'P1' } } }),
    ).toEqual([]);
    const [ping] = parse(pd, {
      event: { id: 'E1', event_type: 'pagey.ping', occurred_at: '2026-01-01T00:00:00Z' },
    });
    expect(ping).toMatchObject({ test: true, title: 'PagerDuty webhook test (pagey.ping)' });
  });
});

describe('pagerduty Events API v2', () => {
  it('maps the documented trigger', () => {
    const [a] = parse(pd, fixture('pagerduty/events-v2-trigger-docs.json'));
    expect(a).toMatchObject({
      fingerprint: 'pagerduty:dedup:samplekeyhere',
      title: 'Example alert on host1.example.com',
      severity: 'info',
      status: 'firing',
      service: 'postgres', // component
      startedAt: '2015-07-17T08:42:58.315Z',
      url: 'https://monitoring.example.com',
      labels: {
        component: 'postgres',
        group: 'prod-datapipe',
        class: 'deploy',
        'ping time': '1500ms',
        'load avg': '0.75',
      },
    });
    expect(Object.values(a!.labels)).not.toContain('samplekeyhere'); // the routing key is a credential
  });

  it('acknowledge keeps firing and resolve resolves the same dedup key', () => {
    const [ack] = parse(pd, fixture('pagerduty/events-v2-acknowledge-docs.json'));
    const [res] = parse(pd, fixture('pagerduty/events-v2-resolve-docs.json'));
    expect(ack).toMatchObject({
      fingerprint: 'pagerduty:dedup:dedupkeyhere',
      status: 'firing',
      startedAt: RECEIVED_AT,
    });
    expect(res).toMatchObject({
      fingerprint: 'pagerduty:dedup:dedupkeyhere',
      status: 'resolved',
      endedAt: RECEIVED_AT,
    });
  });

  it('derives a stable key for a trigger without dedup_key', () => {
    const body = fixture('pagerduty/events-v2-trigger-docs.json') as Record<string, unknown>;
    delete body.dedup_key;
    const first = parse(pd, body)[0]!.fingerprint;
    expect(first).toMatch(/^pagerduty:dedup:derived:/);
    expect(parse(pd, structuredClone(body))[0]!.fingerprint).toBe(first);
  });

  it('names missing fields', () => {
    const ctx = { headers: {}, receivedAt: RECEIVED_AT };
    expectInvalid(() => pd.parse({ event_action: 'resolve' }, ctx), 'dedup_key');
    expectInvalid(() => pd.parse({ event_action: 'trigger', payload: {} }, ctx), 'payload.summary');
    expectInvalid(() => pd.parse({ event_action: 'explode' }, ctx), 'event_action');
    expectInvalid(
      () => pd.parse({ event: { event_type: 'incident.triggered', data: { type: 'incident' } } }, ctx),
      'event.data.id',
    );
  });
});
