import { describe, expect, it } from 'vitest';
import { cloudbeesSource } from './cloudbees.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const cb = cloudbeesSource();

describe('cloudbees feature management', () => {
  it('maps the docs flag-visibility sample as a change on the application', () => {
    const [a] = parse(cb, fixture('cloudbees/feature-management-flag-visibility-changed-docs.json'));
    expect(a).toMatchObject({
      source: 'cloudbees',
      kind: 'change',
      title: "Flag 'E2E Test Flag 1613570517455' visibility set to hidden",
      description: 'changed flag visibility by Samuel Exampleton',
      severity: 'info',
      status: 'resolved', // a flag change is complete when reported
      service: 'My Example App',
      environment: 'Production',
      labels: {
        flag: 'E2E Test Flag 1613570517455',
        action: 'changed flag visibility',
        changed_by: 'Samuel Exampleton',
      },
      startedAt: RECEIVED_AT,
    });
  });

  it('a re-delivery has the same fingerprint; a different change does not', () => {
    const body = fixture('cloudbees/feature-management-flag-visibility-changed-docs.json') as Record<
      string,
      unknown
    >;
    const [a] = parse(cb, body);
    expect(parse(cb, structuredClone(body))[0]!.fingerprint).toBe(a!.fingerprint);
    expect(parse(cb, { ...body, environmentName: 'Staging' })[0]!.fingerprint).not.toBe(a!.fingerprint);
  });

  // Built from the documented interface: the optional targetGroup and the external-user variant
  // (user.externalUserName / externalUserUrl) have no published sample.
  it('reads the documented external-user and targetGroup variant', () => {
    const [a] = parse(cb, {
      flag: 'checkout-v2',
      user: { externalUserName: 'ci-bot', externalUserUrl: 'https://git.example.com/ci-bot' },
      applicationName: 'Shop',
      environmentName: 'Production',
      targetGroup: 'beta-users',
      action: 'updated flag configuration',
      message: "Flag 'checkout-v2' configuration updated",
    });
    expect(a).toMatchObject({
      labels: { changed_by: 'ci-bot', target_group: 'beta-users' },
      url: 'https://git.example.com/ci-bot',
    });
  });

  it('names a missing flag', () => {
    expectInvalid(
      () => cb.parse({ action: 'x', applicationName: 'a' }, { headers: {}, receivedAt: RECEIVED_AT }),
      'flag',
    );
  });
});

// CloudBees CI has no payload of its own: it ships the Jenkins Notification plugin, so these
// bodies follow that plugin's documented fields (see fixtures/payloads/SOURCES.md §8).
describe('cloudbees CI build events (Notification plugin fields)', () => {
  it('maps a failed deploy as a change plus an alert, keyed by job + build', () => {
    const alerts = parse(cb, {
      name: 'payments-deploy',
      url: 'job/payments-deploy/',
      build: {
        full_url: 'https://cloudbees.example.com/job/payments-deploy/212/',
        number: 212,
        phase: 'COMPLETED',
        status: 'FAILURE',
        timestamp: 1767225600000,
        parameters: { ENVIRONMENT: 'production' },
        scm: { branch: 'origin/main', commit: '0123456789abcdef0123' },
      },
    });
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({
      kind: 'change',
      fingerprint: 'cloudbees:build:payments-deploy#212',
      status: 'resolved',
    });
    expect(alerts[1]).toMatchObject({
      kind: 'alert',
      severity: 'high',
      service: 'payments-deploy',
      environment: 'production',
      startedAt: '2026-01-01T00:00:00.000Z',
      url: 'https://cloudbees.example.com/job/payments-deploy/212/',
    });
  });
});
