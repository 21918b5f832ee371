import { type CommandRunner, createCommandPolicy, executeTool, type ToolContext } from '@aurora-rca/core';
import { describe, expect, it } from 'vitest';
import { awsTool, azTool, gcloudTool, kubectlTool } from './cli-tools.js';

function runner() {
  const calls: Array<[string, readonly string[]]> = [];
  const r: CommandRunner = {
    specificationVersion: 'v1',
    async run(program, args) {
      calls.push([program, args]);
      return { exitCode: 0, stdout: 'result', stderr: '', truncated: false, timedOut: false, durationMs: 1 };
    },
  };
  return { r, calls };
}
const ctx: ToolContext = {
  tenantId: 'acme',
  mode: 'investigation',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
};

describe('command-line tools', () => {
  it('run their own program with the argv as given', async () => {
    const { r, calls } = runner();
    await executeTool(kubectlTool({ runner: r, binary: '/opt/bin/kubectl' }), { args: ['get', 'pods'] }, ctx);
    await executeTool(gcloudTool({ runner: r }), { args: ['run', 'services', 'list'] }, ctx);
    await executeTool(awsTool({ runner: r }), { args: ['ecs', 'list-clusters'] }, ctx);
    await executeTool(azTool({ runner: r }), { args: ['aks', 'list'] }, ctx);
    expect(calls).toEqual([
      ['/opt/bin/kubectl', ['get', 'pods']],
      ['gcloud', ['run', 'services', 'list']],
      ['aws', ['ecs', 'list-clusters']],
      ['az', ['aks', 'list']],
    ]);
  });

  it('apply the given policy, including tenant rules', async () => {
    const { r, calls } = runner();
    const policy = createCommandPolicy({
      tenantRules: { acme: [{ tool: 'aws', command: ['ecs'], decision: 'deny', reason: 'not ours' }] },
    });
    const result = await executeTool(awsTool({ runner: r, policy }), { args: ['ecs', 'list-clusters'] }, ctx);
    expect(result).toMatchObject({ status: 'error', reason: 'not ours' });
    expect(calls).toHaveLength(0);
  });
});
