import { describe, expect, it } from 'vitest';
import { makeFixSuggestion, makeIncident } from '../testing/conformance/builders.js';
import type { Citation } from '../model/index.js';
import { fixBranchName, fixFiles, renderFixPullRequest } from './pull-request.js';

describe('fix pull requests', () => {
  const incident = makeIncident({ title: 'Payments OOM', rootCause: 'payments is OOMKilled at 256Mi [1]' });
  const fix = makeFixSuggestion({
    incidentId: incident.id,
    title: 'Raise memory @platform-team',
    rationale: 'Killed at the limit [1]; ping @oncall',
    filePath: 'deploy/a.yaml',
    suggestedContent: 'memory: 512Mi',
    extraFiles: [],
  });
  const citations = [
    {
      key: '1',
      toolName: 'kubectl',
      command: 'kubectl describe pod p-1 -n billing',
      status: 'ok',
    } as Citation,
    { key: '2', toolName: 'kubectl', command: 'kubectl get pods', status: 'ok' } as Citation,
  ];

  it('names the branch aurora/fix-incident-{id}-{timestamp}', () => {
    expect(fixBranchName('inc_01ab', 1765000000000)).toBe('aurora/fix-incident-inc_01ab-1765000000000');
  });

  it('commits the person-edited content over the suggested one', () => {
    expect(fixFiles({ ...fix, userEditedContent: 'memory: 384Mi' })).toEqual([
      { path: 'deploy/a.yaml', content: 'memory: 384Mi' },
    ]);
    expect(fixFiles(fix)[0]?.content).toBe('memory: 512Mi');
  });

  it('writes title and body with the root cause, the cited evidence only, a link back, and no @-mentions', () => {
    const { title, body } = renderFixPullRequest({
      incident,
      fix,
      citations,
      incidentUrl: 'https://portal/incidents/x',
    });
    expect(title).toBe('fix: Raise memory @\u200Bplatform-team');
    expect(body).toContain('## Root cause');
    expect(body).toContain('payments is OOMKilled at 256Mi [1]');
    expect(body).toContain('[open incident](https://portal/incidents/x)');
    expect(body).toContain('[1] `kubectl`: `kubectl describe pod p-1 -n billing`');
    expect(body).not.toContain('kubectl get pods');
    expect(body).not.toMatch(/@oncall/);
  });
});
