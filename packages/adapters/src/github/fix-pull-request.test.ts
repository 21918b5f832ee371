import { describe, expect, it } from 'vitest';
import { branchNameProblem, fixBranchName } from './branch-name.js';
import { renderFixPullRequest } from './fix-pull-request.js';

describe('fixBranchName', () => {
  it('names the branch aurora/fix-incident-{id}-{epoch ms}', () => {
    expect(fixBranchName('inc_42', 1764877800000)).toBe('aurora/fix-incident-inc_42-1764877800000');
    expect(fixBranchName('inc_42', new Date('2025-12-04T19:50:00Z'))).toBe(
      'aurora/fix-incident-inc_42-1764877800000',
    );
  });

  it('always yields a valid Git branch name, whatever the incident id holds', () => {
    for (const id of ['inc 1', 'a..b', 'x:y~z^', 'ünï', 'tenant/inc']) {
      const name = fixBranchName(id, 1);
      expect(branchNameProblem(name), name).toBeNull();
    }
    expect(() => fixBranchName('inc_1', Number.NaN)).toThrow(/timestamp/);
  });

  it('recognises names git refuses', () => {
    for (const bad of [
      '',
      'a b',
      'a..b',
      'a:b',
      'a~1',
      'x.lock',
      'end/',
      '/start',
      '-dash',
      'a//b',
      'a@{b',
      '.hidden/x',
    ]) {
      expect(branchNameProblem(bad), bad).not.toBeNull();
    }
    expect(branchNameProblem('release/1.2')).toBeNull();
  });
});

describe('renderFixPullRequest', () => {
  const base = {
    incidentId: 'inc_42',
    incidentTitle: 'web pods OOMKilled in shop',
    rootCause: 'The web container hits its 256Mi limit after the 14:02 deploy [1][2].',
    fixDescription: 'Raise the memory limit to 512Mi.',
    filePaths: ['k8s/web/deployment.yaml'],
    citations: [
      { key: '1', toolName: 'kubectl', command: 'kubectl describe pod web-1 -n shop' },
      { key: '2', toolName: 'kubectl', command: 'kubectl rollout history deploy/web -n shop' },
    ],
  };

  it('carries the incident title, root cause, fix, files, every citation and a link back', () => {
    const { title, body } = renderFixPullRequest({
      ...base,
      incidentUrl: 'https://ops.example.com/i/inc_42',
    });

    expect(title).toBe('Aurora fix: web pods OOMKilled in shop');
    expect(body).toContain('**web pods OOMKilled in shop**');
    expect(body).toContain('[Open the incident in Aurora](https://ops.example.com/i/inc_42)');
    expect(body).toContain(
      '## Root cause\n\nThe web container hits its 256Mi limit after the 14:02 deploy [1][2].',
    );
    expect(body).toContain('## Fix\n\nRaise the memory limit to 512Mi.');
    expect(body).toContain('- `k8s/web/deployment.yaml`');
    expect(body).toContain('- [1] `kubectl`: `kubectl describe pod web-1 -n shop`');
    expect(body).toContain('- [2] `kubectl`: `kubectl rollout history deploy/web -n shop`');
  });

  it('builds the link from a caller-chosen template, URL-encoding the id', () => {
    const { body } = renderFixPullRequest({
      ...base,
      incidentId: 'inc/42 x',
      incidentUrlTemplate: 'https://portal.example.com/aurora/{incidentId}?tab=rca',
    });
    expect(body).toContain('(https://portal.example.com/aurora/inc%2F42%20x?tab=rca)');
  });

  it('omits the link when there is no URL and says when root cause or fix are unknown', () => {
    const { body } = renderFixPullRequest({ incidentId: 'inc_1', incidentTitle: 't', rootCause: null });
    expect(body).not.toContain('Open the incident');
    expect(body).toContain('_Not determined._');
    expect(body).toContain('_No description given._');
    expect(body).not.toContain('## Evidence');
  });

  it('does not ping people named in alert text and keeps commands with backticks intact', () => {
    const { title, body } = renderFixPullRequest({
      ...base,
      incidentTitle: 'disk full — cc @oncall-team',
      citations: [{ key: '1', toolName: 'sh', command: 'echo `hostname`' }],
    });
    expect(title).not.toMatch(/@oncall/);
    expect(body).not.toMatch(/@oncall/);
    expect(body).toContain('@\u200Boncall-team');
    expect(body).toContain('- [1] `sh`: `` echo `hostname` ``');
  });

  it('fits GitHub limits: title ≤ 256 characters, body well under 65 536', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      key: String(i + 1),
      toolName: 'kubectl',
      command: `kubectl logs pod-${i} ${'x'.repeat(400)}`,
    }));
    const { title, body } = renderFixPullRequest({
      ...base,
      incidentTitle: 'y'.repeat(1000),
      citations: many,
    });
    expect(title.length).toBeLessThanOrEqual(256);
    expect(body.length).toBeLessThan(65_536);
    expect(body).toMatch(/…and \d+ more \(see the incident\)/);
  });
});
