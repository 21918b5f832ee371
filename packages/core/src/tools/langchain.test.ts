import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../spec/command-runner.js';
import type { ToolContext } from '../spec/tool.js';
import { createCommandTool } from './command-tool.js';
import type { ExecutedToolResult } from './execute-tool.js';
import { toLangChainTool } from './langchain.js';

const runner: CommandRunner = {
  specificationVersion: 'v1',
  run: async () => ({
    exitCode: 0,
    stdout: 'web-1 CrashLoopBackOff token=abcdef123',
    stderr: '',
    truncated: false,
    timedOut: false,
    durationMs: 3,
  }),
};
const ctx: ToolContext = {
  tenantId: 't1',
  mode: 'ask',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
};

describe('toLangChainTool', () => {
  it('exposes name, description and schema, and returns redacted output to the model', async () => {
    const results: Array<{ result: ExecutedToolResult; id?: string }> = [];
    const lc = toLangChainTool(createCommandTool({ name: 'kubectl', runner }), ctx, {
      onResult: (result, _input, call) => {
        results.push({ result, ...(call.toolCallId ? { id: call.toolCallId } : {}) });
      },
    });
    expect(lc.name).toBe('kubectl');
    expect(lc.description).toMatch(/read-only kubectl/);
    const message = await lc.invoke({
      type: 'tool_call',
      id: 'call_1',
      name: 'kubectl',
      args: { args: ['get', 'pods', '-n', 'shop'] },
    });
    expect(message.content).toBe('web-1 CrashLoopBackOff token=[REDACTED]');
    expect(message.tool_call_id).toBe('call_1');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      id: 'call_1',
      result: { status: 'ok', command: 'kubectl get pods -n shop' },
    });
  });

  it('tells the model why a call was refused', async () => {
    const lc = toLangChainTool(createCommandTool({ name: 'kubectl', runner }), ctx);
    const text = await lc.invoke({ args: ['delete', 'ns', 'prod'] });
    expect(text).toMatch(
      /^Refused by policy \(deny\): kubectl delete changes the cluster; writes are refused in ask mode/,
    );
    expect(text).toContain('Command: kubectl delete ns prod');
  });

  it('tells the model a write awaits approval in agent mode', async () => {
    const lc = toLangChainTool(createCommandTool({ name: 'kubectl', runner }), () => ({
      ...ctx,
      mode: 'agent',
    }));
    const text = await lc.invoke({ args: ['rollout', 'restart', 'deploy/web'] });
    expect(text).toMatch(/^Not run \(ask\): approval required/);
  });

  it('leaves malformed input to LangChain, which rejects it before the tool runs', async () => {
    let ran = false;
    const counting: CommandRunner = {
      ...runner,
      run: async (...a) => {
        ran = true;
        return runner.run(...a);
      },
    };
    const lc = toLangChainTool(createCommandTool({ name: 'kubectl', runner: counting }), ctx);
    await expect(lc.invoke({ args: [] })).rejects.toThrow(/did not match expected schema/);
    expect(ran).toBe(false);
  });
});
