import { AuroraError } from '@aurora-rca/core';
import { describe, expect, it } from 'vitest';
import { genericSource } from './generic.js';
import { expectInvalid, parse, RECEIVED_AT } from './shared/test-support.js';

const ctx = { headers: {}, receivedAt: RECEIVED_AT };

describe('generic', () => {
  it('reads conventional field names by default', () => {
    const [a] = parse(genericSource(), {
      title: 'Queue backlog',
      severity: 'warning',
      status: 'firing',
      service: 'billing',
      environment: 'prod',
      labels: { queue: 'invoices' },
      timestamp: 1767225600,
      fingerprint: 'backlog-invoices',
      url: 'https://status.example.com/1',
    });
    expect(a).toMatchObject({
      source: 'generic',
      fingerprint: 'generic:backlog-invoices',
      severity: 'medium',
      service: 'billing',
      environment: 'prod',
      labels: { queue: 'invoices' },
      startedAt: '2026-01-01T00:00:00.000Z',
      url: 'https://status.example.com/1',
    });
  });

  it('uses configured paths, fans out an array and maps custom resolved values', () => {
    const source = genericSource({
      paths: {
        alerts: 'events',
        title: 'alert.name',
        severity: 'alert.level',
        fingerprint: 'alert.key',
        status: 'state',
        service: 'meta["svc name"]',
      },
      resolvedValues: ['closed'],
    });
    const alerts = parse(source, {
      events: [
        {
          alert: { name: 'A down', level: 'critical', key: 'a' },
          state: 'open',
          meta: { 'svc name': 'api' },
        },
        { alert: { name: 'B down', level: 'low', key: 'b' }, state: 'closed' },
      ],
    });
    expect(alerts.map((a) => [a.title, a.severity, a.status, a.fingerprint, a.service])).toEqual([
      ['A down', 'critical', 'firing', 'generic:a', 'api'],
      ['B down', 'low', 'resolved', 'generic:b', null],
    ]);
  });

  it('per-integration mapping.paths override the factory paths', () => {
    const [a] = parse(
      genericSource({ paths: { title: 'name' } }),
      { name: 'n', headline: 'h' },
      { paths: { title: 'headline' } },
    );
    expect(a!.title).toBe('h');
  });

  it('derives a stable fingerprint without a key, and resolve matches firing', () => {
    const source = genericSource();
    const [f] = parse(source, { title: 'Disk full', service: 'db', labels: { host: 'db-1' } });
    const [r] = parse(source, {
      title: 'Disk full',
      service: 'db',
      labels: { host: 'db-1' },
      status: 'resolved',
    });
    expect(r!.fingerprint).toBe(f!.fingerprint);
    expect(r!.status).toBe('resolved');
  });

  it('rejects bad configuration and names the missing title path', () => {
    expect(() => genericSource({ paths: { title: 'a..b' } })).toThrow(/mapping\.paths\.title|malformed/);
    expect(() => genericSource({ paths: { nope: 'x' } as never })).toThrow(AuroraError);
    expectInvalid(() => genericSource({ paths: { title: 'alert.name' } }).parse({ alert: {} }, ctx), 'title');
    expectInvalid(() => genericSource({ paths: { alerts: 'items' } }).parse({ items: 3 }, ctx), 'items');
    expectInvalid(
      () => genericSource().parse({ title: 'x' }, { ...ctx, mapping: { paths: { title: 3 } } }),
      'mapping.paths.title',
    );
  });
});
