import { describe, expect, it } from 'vitest';
import { datadogSource } from './datadog.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const dd = datadogSource();
const ctx = { headers: {}, receivedAt: RECEIVED_AT };

describe('datadog', () => {
  it('maps the triggered custom-template capture', () => {
    const [a] = parse(dd, fixture('datadog/metric-alert-triggered-codenow.json'));
    expect(a).toMatchObject({
      source: 'datadog',
      title: 'Dock is almost out of memory...', // the [Triggered on {host:…}] prefix is stripped
      status: 'firing',
      // Monitor id from the body link + the scope from the title.
      fingerprint: 'datadog:monitor:309811:host:i-3b93aafb',
      sourceAlertId: '309811',
      service: 'dock', // role tag
      startedAt: '2015-11-25T07:12:10.000Z', // date: epoch ms as a string
      url: 'https://app.datadoghq.com/event/event?id=3089904566766935419',
      labels: {
        host: 'i-3b93aafb',
        region: 'us-west-1',
        role: 'dock',
        'security-group': 'sg-59a3503c,sg-cb8e7dae',
      },
      test: false,
    });
    expect(a!.description.startsWith('restart docker')).toBe(true);
    expect(a!.description).not.toContain('%%%');
  });

  it('recovery resolves the triggered alert (same fingerprint)', () => {
    const [t] = parse(dd, fixture('datadog/metric-alert-triggered-codenow.json'));
    const [r] = parse(dd, fixture('datadog/metric-alert-recovered-codenow.json'));
    expect(r).toMatchObject({ status: 'resolved', endedAt: '2015-11-25T07:11:17.000Z', title: t!.title });
    expect(r!.fingerprint).toBe(t!.fingerprint);
  });

  it('rejects the unrendered default template, naming the field', () => {
    const err = expectInvalid(
      () => dd.parse(fixture('datadog/default-template-unrendered.json'), ctx),
      'title',
    );
    expect(err.message).toContain('$EVENT_TITLE');
  });

  it('maps the default template once rendered (status from the title prefix)', () => {
    // The default template's keys with values as Datadog renders them (docs variable list).
    const rendered = {
      body: '%%%\nCPU high on web-1\n%%%',
      last_updated: '1767225600000',
      event_type: 'query_alert_monitor',
      title: '[P2] [Warn on {host:web-1}] CPU high',
      date: '1767225600000',
      org: { id: '1234', name: 'Acme' },
      id: '7654321',
    };
    const [a] = parse(dd, rendered);
    expect(a).toMatchObject({
      title: 'CPU high',
      status: 'firing',
      severity: 'high', // P2
      startedAt: '2026-01-01T00:00:00.000Z',
      description: 'CPU high on web-1',
    });
    // $ID is per notification: never the dedup key.
    expect(a!.fingerprint).not.toContain('7654321');
    const recovered = { ...rendered, title: '[P2] [Recovered on {host:web-1}] CPU high', id: '7654399' };
    expect(parse(dd, recovered)[0]).toMatchObject({ status: 'resolved', fingerprint: a!.fingerprint });
  });

  it('uses templated $ALERT_TYPE, $ALERT_ID, $ALERT_SCOPE, $TAGS', () => {
    const [a] = parse(dd, {
      title: '[Triggered] Latency high',
      alert_type: 'error',
      alert_id: '42',
      alert_scope: 'env:prod',
      tags: 'service:checkout,env:prod',
      alert_transition: 'Triggered',
    });
    expect(a).toMatchObject({
      severity: 'high',
      fingerprint: 'datadog:monitor:42:env:prod',
      service: 'checkout',
      environment: 'prod',
    });
  });

  it('marks [TEST] notifications', () => {
    const [a] = parse(dd, {
      title: '[TEST] [Triggered on {host:a}] Disk full',
      alert_transition: 'Triggered',
    });
    expect(a).toMatchObject({ test: true, title: 'Disk full' });
  });

  it('strips only Datadog transition prefixes from titles', () => {
    const [a] = parse(dd, { title: '[prod] Disk full', alert_transition: 'Triggered' });
    expect(a!.title).toBe('[prod] Disk full');
    const [b] = parse(dd, { title: '[Re-Triggered on {host:db-1}] Disk full' });
    expect(b).toMatchObject({ title: 'Disk full', status: 'firing' });
  });

  it('names a missing title', () => {
    expectInvalid(() => dd.parse({ body: 'x' }, ctx), 'title');
  });
});
