import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { netdataChallengeResponse, netdataSource } from './netdata.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const nd = netdataSource();

describe('netdata agent alarm log', () => {
  it('maps the documented WARNING transition', () => {
    const [a] = parse(nd, fixture('netdata/agent-alarm-log-transition-warning-docs.json'));
    expect(a).toMatchObject({
      source: 'netdata',
      fingerprint: 'netdata:agent:server1:1', // host + alarm_id
      title: 'CPU usage is high',
      description: 'CPU utilization exceeded warning threshold',
      severity: 'medium',
      status: 'firing',
      service: 'system.cpu',
      startedAt: '2024-01-01T00:00:00.000Z', // when: epoch seconds
      labels: {
        hostname: 'server1',
        name: 'cpu_usage',
        chart: 'system.cpu',
        value: '85.5%',
        status: 'WARNING',
      },
    });
  });

  it('a CLEAR transition resolves with the same fingerprint and the severity it had', () => {
    const [entry] = fixture('netdata/agent-alarm-log-transition-warning-docs.json') as Record<
      string,
      unknown
    >[];
    const clear = { ...entry, status: 'CLEAR', old_status: 'WARNING', when: 1704067500, unique_id: 12346 };
    const [r] = parse(nd, [clear]);
    expect(r).toMatchObject({
      status: 'resolved',
      severity: 'medium',
      fingerprint: 'netdata:agent:server1:1',
    });
    expect(r!.endedAt).toBe('2024-01-01T00:05:00.000Z');
  });
});

// No real Netdata Cloud webhook payload is published: these bodies are built from the documented
// field list (netdata/netdata integrations/cloud-notifications/integrations/webhook.md).
describe('netdata cloud webhook (built from the documented fields)', () => {
  const alert = {
    message: 'web-01 cpu usage is critical',
    alert: 'cpu_usage',
    info: 'Average CPU utilization over the last 10 minutes',
    chart: 'system.cpu',
    context: 'system.cpu',
    space: 'Production',
    Rooms: { 'All nodes': 'https://app.netdata.cloud/spaces/p/rooms/all-nodes' },
    family: 'cpu',
    class: 'Utilization',
    severity: 'critical',
    date: '2026-02-01T10:00:00Z',
    duration: '5 minutes',
    additional_active_critical_alerts: 0,
    additional_active_warning_alerts: 1,
    alert_url: 'https://app.netdata.cloud/spaces/p/rooms/all-nodes/alerts/123',
  };

  it('maps an alert notification', () => {
    const [a] = parse(nd, alert);
    expect(a).toMatchObject({
      title: 'cpu_usage',
      description: 'Average CPU utilization over the last 10 minutes',
      severity: 'critical',
      status: 'firing',
      service: 'system.cpu',
      startedAt: '2026-02-01T10:00:00.000Z',
      url: 'https://app.netdata.cloud/spaces/p/rooms/all-nodes/alerts/123',
      labels: { space: 'Production', rooms: 'All nodes', class: 'Utilization', severity: 'critical' },
      test: false,
    });
  });

  it('severity clear resolves the same alert', () => {
    const [f] = parse(nd, alert);
    const [r] = parse(nd, {
      ...alert,
      severity: 'clear',
      message: 'web-01 cpu usage is clear',
      date: '2026-02-01T10:20:00Z',
    });
    expect(r).toMatchObject({
      status: 'resolved',
      fingerprint: f!.fingerprint,
      endedAt: '2026-02-01T10:20:00.000Z',
    });
  });

  it('accepts the older field names (alarm, alarm_url)', () => {
    const { alert: name, alert_url, ...rest } = alert;
    const [a] = parse(nd, { ...rest, alarm: name, alarm_url: alert_url });
    expect(a).toMatchObject({ title: 'cpu_usage', url: alert_url });
  });

  it('maps reachability notifications', () => {
    const down = {
      message: 'web-01 is unreachable',
      url: 'https://app.netdata.cloud/spaces/p/nodes/abc',
      host: 'web-01',
      severity: 'critical',
      status: { reachable: false, text: 'unreachable' },
    };
    const [d] = parse(nd, down);
    expect(d).toMatchObject({
      title: 'web-01 is unreachable',
      status: 'firing',
      severity: 'critical',
      service: 'web-01',
      startedAt: RECEIVED_AT,
    });
    const [u] = parse(nd, {
      ...down,
      severity: 'info',
      message: 'web-01 is reachable',
      status: { reachable: true, text: 'reachable' },
    });
    expect(u).toMatchObject({ status: 'resolved', fingerprint: d!.fingerprint });
  });

  it('marks the test notification (it carries a token)', () => {
    const [a] = parse(nd, { ...alert, token: 'c0ffee' });
    expect(a!.test).toBe(true);
  });

  it('names a missing alert name', () => {
    expectInvalid(() => nd.parse({ severity: 'warning' }, { headers: {}, receivedAt: RECEIVED_AT }), 'alert');
  });

  it('answers the crc_token challenge with sha256=base64(HMAC)', async () => {
    const expected = `sha256=${createHmac('sha256', 'challenge-secret').update('token-123').digest('base64')}`;
    expect(await netdataChallengeResponse('challenge-secret', 'token-123')).toEqual({
      response_token: expected,
    });
  });
});
