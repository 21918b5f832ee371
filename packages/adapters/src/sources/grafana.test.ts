import { describe, expect, it } from 'vitest';
import { grafanaSource } from './grafana.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const grafana = grafanaSource();

describe('grafana unified alerting', () => {
  it('fans the docs group out into one alert per element', () => {
    const alerts = parse(grafana, fixture('grafana/unified-docs-firing-multi.json'));
    expect(alerts).toHaveLength(2);
    const [mem, cpu] = alerts;
    expect(mem).toMatchObject({
      source: 'grafana',
      fingerprint: 'grafana:c6eadffa33fcdf37',
      sourceAlertId: 'c6eadffa33fcdf37',
      title: 'High memory usage',
      description: 'The system has high memory usage',
      status: 'firing',
      severity: 'unknown', // no severity label in the payload
      service: 'blue', // team label
      labels: { alertname: 'High memory usage', team: 'blue', zone: 'us-1' },
      startedAt: '2021-10-12T07:51:03.157Z',
      endedAt: null, // 0001-01-01 means still firing
      url: 'https://play.grafana.org/alerting/1afz29v7z/edit',
      kind: 'alert',
      test: false,
    });
    expect(cpu).toMatchObject({
      title: 'High CPU usage',
      fingerprint: 'grafana:bc97ff14869b13e3',
      labels: { zone: 'eu-1' },
    });
  });

  it('keeps, per alert, the group envelope with only that alert as raw — and re-parsing raw gives the same alert', () => {
    const [mem] = parse(grafana, fixture('grafana/unified-docs-firing-multi.json'));
    const raw = mem!.raw as { receiver: string; alerts: unknown[] };
    expect(raw.receiver).toBe('My Super Webhook');
    expect(raw.alerts).toHaveLength(1);
    expect(parse(grafana, raw)).toEqual([mem]);
  });

  it('maps the Grafana 11 payload: folder as service, title from alertname', () => {
    const [a] = parse(grafana, fixture('grafana/unified-v11-firing-values.json'));
    expect(a).toMatchObject({
      title: 'Memory (copy)',
      description: 'High memory usage',
      service: 'device',
      status: 'firing',
      startedAt: '2024-03-01T02:09:00.000Z',
      fingerprint: 'grafana:e6349a25f5ef0e9e',
      labels: { grafana_folder: 'device', debug: 'true' },
    });
  });

  it('maps a resolved Grafana 9 alert with its end time', () => {
    const [a] = parse(grafana, fixture('grafana/unified-v9-resolved.json'));
    expect(a).toMatchObject({
      title: 'Test alert',
      status: 'resolved',
      startedAt: '2022-06-17T00:41:00.782Z',
      endedAt: '2022-06-17T00:51:24.067Z',
      service: null,
      fingerprint: 'grafana:d8a21484c9c25a60',
      // A user rule named "Test alert" is not Grafana's built-in test notification.
      test: false,
    });
  });

  it('resolve and re-delivery produce the firing alert fingerprint', () => {
    const firing = {
      status: 'firing',
      alerts: [
        { status: 'firing', labels: { alertname: 'Disk full', severity: 'warning' }, fingerprint: 'abc' },
      ],
    };
    const resolved = structuredClone(firing);
    resolved.status = 'resolved';
    resolved.alerts[0]!.status = 'resolved';
    const [f] = parse(grafana, firing);
    const [again] = parse(grafana, firing);
    const [r] = parse(grafana, resolved);
    expect(again!.fingerprint).toBe(f!.fingerprint);
    expect(r!.fingerprint).toBe(f!.fingerprint);
    expect(r!.status).toBe('resolved');
    expect(r!.endedAt).toBe(RECEIVED_AT); // no endsAt in payload
    expect(f!.severity).toBe('medium');
  });

  it('derives a label-order-independent fingerprint when the alert has none', () => {
    const a = { alerts: [{ status: 'firing', labels: { alertname: 'X', b: '2', a: '1' } }] };
    const b = { alerts: [{ status: 'firing', labels: { a: '1', alertname: 'X', b: '2' } }] };
    expect(parse(grafana, a)[0]!.fingerprint).toBe(parse(grafana, b)[0]!.fingerprint);
    expect(parse(grafana, a)[0]!.fingerprint).toMatch(/^grafana:labels:[0-9a-f]{16}$/);
  });

  it("marks Grafana's built-in unified test notification", () => {
    const body = {
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'TestAlert', instance: 'Grafana' },
          annotations: { summary: 'Notification test' },
          fingerprint: '57c6d9296de2ad39',
        },
      ],
    };
    expect(parse(grafana, body)[0]!.test).toBe(true);
  });

  it('applies integration overrides: service labels, severity map and default severity', () => {
    const [mem] = parse(grafana, fixture('grafana/unified-docs-firing-multi.json'), {
      serviceLabels: ['zone'],
      defaultSeverity: 'high',
    });
    expect(mem!.service).toBe('us-1');
    expect(mem!.severity).toBe('high');
    const body = { alerts: [{ status: 'firing', labels: { alertname: 'A', severity: 'sev-a' } }] };
    expect(parse(grafana, body, { severityMap: { 'SEV-A': 'critical' } })[0]!.severity).toBe('critical');
  });

  it('names the missing field', () => {
    expectInvalid(
      () =>
        grafana.parse(
          { alerts: [{ status: 'firing', labels: {} }] },
          { headers: {}, receivedAt: RECEIVED_AT },
        ),
      'alerts[0].labels.alertname',
    );
    expectInvalid(
      () =>
        grafana.parse({ alerts: [{ labels: { alertname: 'x' } }] }, { headers: {}, receivedAt: RECEIVED_AT }),
      'alerts[0].status',
    );
    expectInvalid(() => grafana.parse({ hello: 1 }, { headers: {}, receivedAt: RECEIVED_AT }), 'alerts');
  });
});

describe('grafana legacy alerting', () => {
  it('maps the docs example', () => {
    const [a] = parse(grafana, fixture('grafana/legacy-docs-alerting.json'));
    expect(a).toMatchObject({
      title: 'Panel Title alert',
      description: 'Notification Message',
      status: 'firing',
      fingerprint: 'grafana:legacy:1:1',
      labels: { 'tag name': 'tag value' },
      startedAt: RECEIVED_AT, // legacy payloads carry no time
      url: 'http://localhost:3000/d/hZ7BuVbWz/test-dashboard?fullscreen&edit&tab=alert&panelId=2&orgId=1',
      test: false,
    });
  });

  it('marks the legacy test notification', () => {
    const [a] = parse(grafana, fixture('grafana/legacy-test-alerting.json'));
    expect(a).toMatchObject({
      test: true,
      status: 'firing',
      description: 'Someone is testing the alert notification within grafana.',
    });
  });

  it('matches the ok message to the alerting one by rule id', () => {
    const alerting = fixture('grafana/legacy-docs-alerting.json') as Record<string, unknown>;
    const ok = {
      ruleId: 1,
      orgId: 1,
      ruleName: 'Panel Title alert',
      state: 'ok',
      title: '[OK] Panel Title alert',
    };
    const [r] = parse(grafana, ok);
    expect(r!.status).toBe('resolved');
    expect(r!.fingerprint).toBe(parse(grafana, alerting)[0]!.fingerprint);
  });

  it('rejects an unknown state', () => {
    expectInvalid(
      () => grafana.parse({ ruleName: 'x', state: 'weird' }, { headers: {}, receivedAt: RECEIVED_AT }),
      'state',
    );
  });
});
