import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { CommandRunner, CommandRunResult } from '../spec/command-runner.js';
import type { Tool, ToolContext } from '../spec/tool.js';
import { manualClock } from '../util/clock.js';
import { createCommandTool } from './command-tool.js';
import { executeTool } from './execute-tool.js';

function fakeRunner(result: Partial<CommandRunResult> = {}) {
  const calls: Array<{ program: string; args: readonly string[] }> = [];
  const runner: CommandRunner = {
    specificationVersion: 'v1',
    async run(program, args) {
      calls.push({ program, args });
      return {
        exitCode: 0,
        stdout: 'ok\n',
        stderr: '',
        truncated: false,
        timedOut: false,
        durationMs: 1,
        ...result,
      };
    },
  };
  return { runner, calls };
}

const ctx = (over: Partial<ToolContext> = {}): ToolContext => ({
  tenantId: 't1',
  mode: 'investigation',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
  ...over,
});

describe('executeTool', () => {
  it('runs an allowed command and reports timing from the injected clock', async () => {
    const { runner, calls } = fakeRunner({ stdout: 'NAME READY\nweb-1 1/1\n' });
    const clock = manualClock('2026-01-01T00:00:00Z');
    const kubectl = createCommandTool({ name: 'kubectl', runner, binary: '/usr/local/bin/kubectl' });
    const result = await executeTool(kubectl, { args: ['get', 'pods', '-n', 'shop'] }, ctx(), { clock });
    expect(result).toMatchObject({
      status: 'ok',
      output: 'NAME READY\nweb-1 1/1',
      command: 'kubectl get pods -n shop',
      decision: { decision: 'allow' },
      startedAt: '2026-01-01T00:00:00.000Z',
      exitCode: 0,
    });
    expect(calls).toEqual([{ program: '/usr/local/bin/kubectl', args: ['get', 'pods', '-n', 'shop'] }]);
  });

  it('refuses a denied command without running it and returns the reason', async () => {
    const { runner, calls } = fakeRunner();
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const result = await executeTool(kubectl, { args: ['exec', 'web-1', 'sh'] }, ctx({ mode: 'agent' }));
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/kubectl exec is refused/);
    expect(result.decision.decision).toBe('deny');
    expect(calls).toHaveLength(0);
  });

  it('runs a write in agent mode only with an approval for the exact argv', async () => {
    const { runner, calls } = fakeRunner({ stdout: 'deployment.apps/web restarted' });
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const args = ['rollout', 'restart', 'deploy/web', '-n', 'shop'];
    const grant = {
      approvalId: 'a1',
      approvedBy: 'ann',
      approvedAt: '2026-01-01T00:00:00Z',
      tool: 'kubectl',
      args,
    };

    const noApproval = await executeTool(kubectl, { args }, ctx({ mode: 'agent' }));
    expect(noApproval).toMatchObject({ status: 'error', decision: { decision: 'ask' } });
    expect(noApproval.reason).toMatch(/^approval required/);

    const otherArgv = { ...grant, args: ['rollout', 'restart', 'deploy/web', '-n', 'other'] };
    expect((await executeTool(kubectl, { args }, ctx({ mode: 'agent', approval: otherArgv }))).status).toBe(
      'error',
    );
    const otherTool = { ...grant, tool: 'gcloud' };
    expect((await executeTool(kubectl, { args }, ctx({ mode: 'agent', approval: otherTool }))).status).toBe(
      'error',
    );
    const reordered = { ...grant, args: ['rollout', 'restart', '-n', 'shop', 'deploy/web'] };
    expect((await executeTool(kubectl, { args }, ctx({ mode: 'agent', approval: reordered }))).status).toBe(
      'error',
    );
    // An approval does not carry over to ask mode.
    expect((await executeTool(kubectl, { args }, ctx({ mode: 'ask', approval: grant }))).status).toBe(
      'error',
    );
    expect(calls).toHaveLength(0);

    const approved = await executeTool(kubectl, { args }, ctx({ mode: 'agent', approval: grant }));
    expect(approved).toMatchObject({ status: 'ok', output: 'deployment.apps/web restarted' });
    expect(calls).toHaveLength(1);
  });

  it('cannot be bypassed by calling run directly', async () => {
    const { runner, calls } = fakeRunner();
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const r = await kubectl.run({ args: ['delete', 'ns', 'prod'] }, ctx({ mode: 'ask' }));
    expect(r.status).toBe('error');
    expect(calls).toHaveLength(0);
  });

  it('rejects invalid input with a reason', async () => {
    const kubectl = createCommandTool({ name: 'kubectl', runner: fakeRunner().runner });
    const result = await executeTool(kubectl, { args: 'get pods' }, ctx());
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/invalid input for kubectl: args/);
  });

  it('redacts and truncates with a visible marker', async () => {
    const secretLine = 'DB_PASSWORD=hunter2\n';
    const { runner } = fakeRunner({ stdout: `${secretLine}${'x'.repeat(5000)}\nlast line` });
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const result = await executeTool(kubectl, { args: ['logs', 'web-1'] }, ctx(), { maxOutputChars: 200 });
    expect(result.output).not.toContain('hunter2');
    expect(result.output).toContain('DB_PASSWORD=[REDACTED]');
    expect(result.output).toMatch(/… \[truncated \d+ characters\] …/);
    expect(result.output.endsWith('last line')).toBe(true);
    expect(result.truncated).toBe(true);
  });

  it('maps blank output to empty and keeps the CLI notice', async () => {
    const { runner } = fakeRunner({ stdout: '', stderr: 'No resources found in shop namespace.\n' });
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const result = await executeTool(kubectl, { args: ['get', 'pods', '-n', 'shop'] }, ctx());
    expect(result).toMatchObject({ status: 'empty', output: 'No resources found in shop namespace.' });
  });

  it('reports a non-zero exit as an error with the output', async () => {
    const { runner } = fakeRunner({
      exitCode: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "x" not found',
    });
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const result = await executeTool(kubectl, { args: ['get', 'pod', 'x'] }, ctx());
    expect(result).toMatchObject({ status: 'error', reason: 'kubectl exited with code 1', exitCode: 1 });
    expect(result.output).toContain('NotFound');
  });

  it('times out a tool that ignores its signal', async () => {
    vi.useFakeTimers();
    try {
      const hanging: Tool<{ q: string }> = {
        specificationVersion: 'v1',
        name: 'hang',
        description: 'never returns',
        input: z.object({ q: z.string() }),
        access: 'read',
        describe: (i) => `hang ${i.q}`,
        run: () => new Promise(() => undefined),
      };
      const pending = executeTool(hanging, { q: 'x' }, ctx({ timeoutMs: 1_000 }));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await pending).toMatchObject({
        status: 'error',
        reason: 'timed out after 1000 ms',
        command: 'hang x',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops when the caller aborts, and passes an aborted signal to the tool', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const slow: Tool<{ q: string }> = {
      specificationVersion: 'v1',
      name: 'slow',
      description: 'waits for abort',
      input: z.object({ q: z.string() }),
      access: 'read',
      describe: () => 'slow',
      run: (_i, c) => {
        seen = c.signal;
        return new Promise(() => undefined);
      },
    };
    const pending = executeTool(slow, { q: 'x' }, ctx({ signal: controller.signal }));
    await Promise.resolve();
    controller.abort();
    expect(await pending).toMatchObject({ status: 'error', reason: 'cancelled' });
    expect(seen?.aborted).toBe(true);
  });

  it('turns a thrown error into an error result', async () => {
    const broken: Tool<{ q: string }> = {
      specificationVersion: 'v1',
      name: 'broken',
      description: 'throws',
      input: z.object({ q: z.string() }),
      access: 'read',
      describe: () => 'broken',
      run: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:9090 password=abc');
      },
    };
    const result = await executeTool(broken, { q: 'x' }, ctx());
    expect(result.status).toBe('error');
    expect(result.reason).toBe('broken failed: connect ECONNREFUSED 10.0.0.1:9090 password=[REDACTED]');
  });

  it('treats a write tool without classify as ask', async () => {
    const writer: Tool<{ q: string }> = {
      specificationVersion: 'v1',
      name: 'writer',
      description: 'writes',
      input: z.object({ q: z.string() }),
      access: 'write',
      describe: (i) => `writer ${i.q}`,
      run: async () => ({ status: 'ok', output: 'done', command: 'writer' }),
    };
    expect((await executeTool(writer, { q: 'a' }, ctx({ mode: 'agent' }))).reason).toMatch(
      /^approval required/,
    );
    const grant = { approvalId: 'a', approvedBy: 'b', approvedAt: 'c', tool: 'writer', args: ['writer a'] };
    expect((await executeTool(writer, { q: 'a' }, ctx({ mode: 'agent', approval: grant }))).status).toBe(
      'ok',
    );
  });
});

describe('executeTool failing closed', () => {
  it('denies when classify throws and falls back to the default time limit for a bad timeout', async () => {
    const { runner, calls } = fakeRunner();
    const kubectl = createCommandTool({ name: 'kubectl', runner });
    const broken = {
      ...kubectl,
      classify: () => {
        throw new Error('rules unavailable');
      },
    };
    const r = await executeTool(broken, { args: ['get', 'pods'] }, ctx());
    expect(r).toMatchObject({ status: 'error', reason: 'policy check failed: rules unavailable' });
    expect(calls).toHaveLength(0);
    // setTimeout(Infinity) would fire at once; the executor uses its default limit instead.
    const slowRunner: CommandRunner = {
      specificationVersion: 'v1',
      run: () =>
        new Promise((resolve) => {
          const result = {
            exitCode: 0,
            stdout: 'late',
            stderr: '',
            truncated: false,
            timedOut: false,
            durationMs: 30,
          };
          setTimeout(() => resolve(result), 30);
        }),
    };
    const slow = createCommandTool({ name: 'kubectl', runner: slowRunner });
    const ok = await executeTool(
      slow,
      { args: ['get', 'pods'] },
      ctx({ timeoutMs: Number.POSITIVE_INFINITY }),
    );
    expect(ok).toMatchObject({ status: 'ok', output: 'late' });
  });
});
