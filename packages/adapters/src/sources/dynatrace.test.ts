import { describe, expect, it } from 'vitest';
import { dynatraceSource } from './dynatrace.js';
import { expectInvalid, fixture, parse, RECEIVED_AT } from './shared/test-support.js';

const dt = dynatraceSource();

describe('dynatrace', () => {
  it('maps the docs test-run problem ("Problem URL" with a space)', () => {
    const [a] = parse(dt, fixture('dynatrace/docs-test-run-open.json'));
    expect(a).toMatchObject({
      source: 'dynatrace',
      fingerprint: 'dynatrace:99999', // PID
      sourceAlertId: '999', // display ProblemID
      title: 'Dynatrace problem notification test run',
      status: 'firing',
      service: 'MyService1', // the SERVICE impacted entity
      url: 'https://example.com',
      startedAt: RECEIVED_AT, // no start time in the default template
      labels: { testtag1: '', testtag2: '', problem_impact: 'INFRASTRUCTURE', 'entity.host': 'MyHost1' },
      test: true,
    });
    expect(a!.description).toBe('INFRASTRUCTURE impact on MyHost1, MyService1');
  });

  it('unwraps the Keptn CloudEvent and reads service/stage from tags', () => {
    const [a] = parse(dt, fixture('dynatrace/keptn-cloudevent-open-with-keptn-tags.json'));
    expect(a).toMatchObject({
      fingerprint: 'dynatrace:99999',
      service: 'carts2',
      environment: 'production2',
      startedAt: '2022-01-04T21:58:45.263Z', // CloudEvent time
      url: 'https://example.com', // ProblemURL
      labels: { keptn_project: 'shop2' },
    });
  });

  it('RESOLVED finds the OPEN problem; severity and start time come from the template when present', () => {
    const open = {
      PID: '-6478017825120311599_1641223491837V2',
      ProblemID: 'P-22013994',
      ProblemTitle: 'Response time degradation',
      ProblemSeverity: 'PERFORMANCE',
      State: 'OPEN',
      ProblemDetailsJSON: { startTime: 1767225600000, endTime: -1 },
      Tags: 'service:checkout, env:prod',
    };
    const [o] = parse(dt, open);
    expect(o).toMatchObject({
      severity: 'medium',
      startedAt: '2026-01-01T00:00:00.000Z',
      service: 'checkout',
      environment: 'prod',
      test: false,
    });
    const [r] = parse(dt, {
      ...open,
      State: 'RESOLVED',
      ProblemDetailsJSON: { startTime: 1767225600000, endTime: 1767226200000 },
    });
    expect(r).toMatchObject({
      status: 'resolved',
      fingerprint: o!.fingerprint,
      endedAt: '2026-01-01T00:10:00.000Z',
    });
    expect(parse(dt, { ...open, ProblemSeverity: 'AVAILABILITY' })[0]!.severity).toBe('critical');
  });

  it('names missing fields', () => {
    const ctx = { headers: {}, receivedAt: RECEIVED_AT };
    expectInvalid(() => dt.parse({ State: 'OPEN', PID: '1' }, ctx), 'ProblemTitle');
    expectInvalid(
      () => dt.parse({ specversion: '1.0', data: { ProblemTitle: 'x', State: 'OPEN' } }, ctx),
      'data.PID',
    );
  });
});
