import { describe, expect, it } from 'vitest';
import { jenkinsSource } from './jenkins.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const jenkins = jenkinsSource();

describe('jenkins', () => {
  it('maps the Notification plugin docs example as a finished change', () => {
    const alerts = parse(jenkins, fixture('jenkins/notification-plugin-docs-completed-success.json'));
    expect(alerts).toHaveLength(1); // a success raises no alert
    expect(alerts[0]).toMatchObject({
      source: 'jenkins',
      kind: 'change',
      fingerprint: 'jenkins:build:asgard#18',
      title: 'asgard #18 succeeded',
      description: 'origin/master @ c6d86dc654b1',
      severity: 'info',
      status: 'resolved',
      service: 'asgard',
      url: 'http://localhost:8080/job/asgard/18/',
      labels: {
        job: 'asgard',
        build_number: '18',
        phase: 'COMPLETED',
        result: 'SUCCESS',
        scm_branch: 'origin/master',
        scm_commit: 'c6d86dc654b12425e706bcf951adfe5a8627a517',
      },
      startedAt: RECEIVED_AT, // no build.timestamp in this plugin version
    });
  });

  it('maps a STARTED build (empty status, no full_url) as an open change', () => {
    const [a] = parse(jenkins, fixture('jenkins/projectmonitor-started.json'));
    expect(a).toMatchObject({
      kind: 'change',
      title: 'projectmonitor_ci_test #7 started',
      status: 'firing',
      url: null,
      fingerprint: 'jenkins:build:projectmonitor_ci_test#7',
    });
  });

  it('maps the old FINISHED phase', () => {
    const [a] = parse(jenkins, fixture('jenkins/projectmonitor-finished-success.json'));
    expect(a).toMatchObject({
      title: 'Pivots2-iOS #10 succeeded',
      status: 'resolved',
      kind: 'change',
      service: 'Pivots2-iOS',
    });
  });

  it('STARTED and COMPLETED of one build share the fingerprint', () => {
    const started = fixture('jenkins/projectmonitor-started.json') as { build: Record<string, unknown> };
    const done = structuredClone(started);
    done.build.phase = 'COMPLETED';
    done.build.status = 'SUCCESS';
    expect(parse(jenkins, done)[0]!.fingerprint).toBe(parse(jenkins, started)[0]!.fingerprint);
  });

  it('a failed deploy is a change and also an alert', () => {
    const body = fixture('jenkins/notification-plugin-docs-completed-success.json') as {
      build: Record<string, unknown>;
    };
    body.build.status = 'FAILURE';
    body.build.parameters = { ENVIRONMENT: 'production', SERVICE: 'asgard-api' };
    body.build.timestamp = 1767225600000;
    const [change, alert] = parse(jenkins, body);
    expect(change).toMatchObject({ kind: 'change', title: 'asgard #18 failed', status: 'resolved' });
    expect(alert).toMatchObject({
      kind: 'alert',
      fingerprint: 'jenkins:build:asgard#18:failed',
      title: 'asgard #18 failed',
      severity: 'high',
      status: 'firing',
      service: 'asgard-api',
      environment: 'production',
      startedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('unstable builds alert only when the integration rates them', () => {
    const body = fixture('jenkins/projectmonitor-finished-success.json') as {
      build: Record<string, unknown>;
    };
    body.build.status = 'UNSTABLE';
    expect(parse(jenkins, body)).toHaveLength(1);
    const alerts = parse(jenkins, body, { severityMap: { unstable: 'medium' } });
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['change', 'info'],
      ['alert', 'medium'],
    ]);
  });

  it('maps the Outbound WebHook plugin shape', () => {
    const alerts = parse(jenkins, {
      projectName: 'deploy-payments',
      buildName: '#57',
      buildUrl: 'https://ci.example.com/job/deploy-payments/57/',
      event: 'failure',
    });
    expect(alerts.map((a) => a.kind)).toEqual(['change', 'alert']);
    expect(alerts[0]).toMatchObject({
      title: 'deploy-payments #57 failed',
      fingerprint: 'jenkins:build:https://ci.example.com/job/deploy-payments/57/',
    });
  });

  it('names missing fields', () => {
    const ctx = { headers: {}, receivedAt: RECEIVED_AT };
    expectInvalid(() => jenkins.parse({ build: { number: 1 } }, ctx), 'name');
    expectInvalid(() => jenkins.parse({ name: 'x', build: { phase: 'STARTED' } }, ctx), 'build.number');
  });
});
