import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../spec/command-runner.js';
import type { ToolContext } from '../spec/tool.js';
import { ATTEMPTS } from './__fixtures__/adversarial-attempts.js';
import { createCommandTool } from './command-tool.js';
import { executeTool } from './execute-tool.js';
import { toLangChainTool } from './langchain.js';

/**
 * The adversarial attempts through the whole path a model's tool call takes — LangChain tool,
 * `executeTool`, command tool, runner — with a runner that records whether anything ran.
 */
function spyRunner() {
  const ran: string[][] = [];
  const runner: CommandRunner = {
    specificationVersion: 'v1',
    async run(_program, args) {
      ran.push([...args]);
      return { exitCode: 0, stdout: 'ran', stderr: '', truncated: false, timedOut: false, durationMs: 0 };
    },
  };
  return { runner, ran };
}
const ctx = (over: Partial<ToolContext>): ToolContext => ({
  tenantId: 't1',
  mode: 'ask',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
  ...over,
});
const callable = ATTEMPTS.filter(([, args]) => args.length > 0);

describe('adversarial attempts, end to end', () => {
  it.each(['investigation', 'ask'] as const)(
    'nothing runs in %s mode, and the model is told why',
    async (mode) => {
      const { runner, ran } = spyRunner();
      for (const [tool, args] of callable) {
        const lc = toLangChainTool(createCommandTool({ name: tool, runner }), ctx({ mode }));
        const text = await lc.invoke({ args });
        expect(String(text), `${tool} ${JSON.stringify(args)}`).toMatch(/^Refused by policy \(deny\): /);
      }
      expect(ran).toEqual([]);
    },
  );

  it('in agent mode nothing runs without an approval, or with one for another argv or tool', async () => {
    const { runner, ran } = spyRunner();
    for (const [tool, args] of callable) {
      const t = createCommandTool({ name: tool, runner });
      const grant = { approvalId: 'a', approvedBy: 'ann', approvedAt: '2026-01-01T00:00:00Z' };
      const attempts = [
        ctx({ mode: 'agent' }),
        ctx({ mode: 'agent', approval: { ...grant, tool, args: [...args, '--dry-run=server'] } }),
        ctx({ mode: 'agent', approval: { ...grant, tool, args: args.slice(0, -1) } }),
        ctx({ mode: 'agent', approval: { ...grant, tool: tool === 'kubectl' ? 'gcloud' : 'kubectl', args } }),
      ];
      for (const c of attempts) expect((await executeTool(t, { args }, c)).status).toBe('error');
    }
    expect(ran).toEqual([]);
  });

  it('with an approval for the exact argv only the writes run; refused commands stay refused', async () => {
    const { runner, ran } = spyRunner();
    for (const [tool, args, inAgentMode] of callable) {
      const grant = { approvalId: 'a', approvedBy: 'ann', approvedAt: '2026-01-01T00:00:00Z', tool, args };
      const result = await executeTool(
        createCommandTool({ name: tool, runner }),
        { args },
        ctx({ mode: 'agent', approval: grant }),
      );
      expect(result.status, `${tool} ${JSON.stringify(args)}`).toBe(inAgentMode === 'ask' ? 'ok' : 'error');
    }
    expect(ran).toEqual(callable.filter(([, , d]) => d === 'ask').map(([, args]) => args));
  });
});
