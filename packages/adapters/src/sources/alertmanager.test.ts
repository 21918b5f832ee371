import { describe, expect, it } from 'vitest';
import { alertmanagerSource } from './alertmanager.js';
import { fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const am = alertmanagerSource();

describe('alertmanager', () => {
  it('maps both alerts of a critical firing group', () => {
    const alerts = parse(am, fixture('alertmanager/v4-firing-two-alerts-critical.json'));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({
      source: 'alertmanager',
      fingerprint: 'alertmanager:a1bc48475b20e73d',
      title: 'High CPU Temperature',
      description: 'CPU core temperature is 34.75C',
      severity: 'critical',
      status: 'firing',
      service: 'andromeda', // no service/app/job label: host is the last resort
      startedAt: '2020-02-06T00:17:58.432Z',
      endedAt: null,
      labels: { alertname: 'High CPU Temperature', host: 'andromeda', severity: 'critical' },
    });
    expect(alerts[0]!.url).toMatch(/^http:\/\/cobalt:9090\/graph/);
    expect(alerts[1]).toMatchObject({
      fingerprint: 'alertmanager:c2ea85182f28cbd9',
      description: 'CPU core temperature is 17.625C',
    });
  });

  it('resolves the firing alert: same fingerprint, and a zero endsAt on a resolved alert becomes the receive time', () => {
    const [firing] = parse(am, fixture('alertmanager/v4-firing-two-alerts-critical.json'));
    const [resolved] = parse(am, fixture('alertmanager/v4-resolved-single.json'));
    expect(resolved!.fingerprint).toBe(firing!.fingerprint);
    expect(resolved!.status).toBe('resolved');
    expect(resolved!.endedAt).toBe(RECEIVED_AT);
  });

  it('re-delivery of the same group yields identical alerts', () => {
    const body = fixture('alertmanager/v4-firing-two-alerts-critical.json');
    expect(parse(am, body)).toEqual(parse(am, structuredClone(body)));
  });

  it('maps warning to medium and honours serviceLabels from the factory', () => {
    const source = alertmanagerSource({ serviceLabels: ['namespace'] });
    const [a] = parse(source, {
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'PodCrashLooping',
            severity: 'warning',
            namespace: 'payments',
            job: 'kube-state-metrics',
          },
        },
      ],
    });
    expect(a).toMatchObject({ severity: 'medium', service: 'payments' });
  });

  it('ignores the resolve-timeout endsAt of a firing alert', () => {
    const [a] = parse(am, {
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'A' },
          startsAt: '2026-01-01T00:00:00Z',
          endsAt: '2026-01-01T00:05:00Z',
        },
      ],
    });
    expect(a!.endedAt).toBeNull();
  });
});
