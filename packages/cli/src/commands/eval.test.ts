import { fileURLToPath } from 'node:url';
import { scriptedChatModel } from '@aurora-rca/core/testing';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';
import { createRegisterEval } from './eval.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readInput: async (p) => (await import('node:fs/promises')).readFile(p, 'utf8'),
    cwd: repoRoot,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('aurora eval', () => {
  it('replays scenarios with the rule-based analyst and prints one result per scenario', async () => {
    const m = memoryIo();
    const code = await main(
      ['node', 'aurora', 'eval', 'examples/scenarios/oom-killed', 'examples/scenarios/no-fault-cpu-spike'],
      m.io,
    );
    expect(m.err()).toBe('');
    expect(code).toBe(0);
    const results = JSON.parse(m.out());
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({
      name: 'oom-killed',
      incidents: 1,
      confidence: 'confirmed',
      pass: true,
      reasons: [],
    });
    expect(results[0].rootCause).toContain('OOMKilled');
    expect(results[0].citations[0]).toEqual({
      key: '1',
      tool: 'kubectl',
      command: 'kubectl get pods -n billing',
      status: 'ok',
    });
    expect(results[0].commandsRun).toContain(
      'kubectl logs payments-5c6d7e8f9a-kq2lm -n billing --previous --tail=100',
    );
    expect(results[1]).toMatchObject({ name: 'no-fault-cpu-spike', confidence: 'inconclusive', pass: true });
  });

  it('fails a scenario whose root cause misses the expectation, with the reason', async () => {
    const m = memoryIo();
    // A model that gives up at once: the root cause does not mention what the scenario expects.
    const model = scriptedChatModel(
      [
        {
          toolCalls: [
            {
              name: 'submit_result',
              args: { summary: 'Unknown.', rootCause: 'Unknown.', confidence: 'inconclusive' },
            },
          ],
        },
      ],
      { repeatLast: true },
    );
    const program = new Command('aurora').exitOverride();
    let exit = 0;
    createRegisterEval(async () => model)(program, m.io, (c) => {
      exit = c;
    });
    await program.parseAsync([
      'node',
      'aurora',
      'eval',
      'examples/scenarios/oom-killed',
      '--model',
      'openai:gpt-4o-mini',
    ]);
    expect(exit).toBe(1);
    const [result] = JSON.parse(m.out());
    expect(result.pass).toBe(false);
    expect(result.reasons).toContain('root cause does not mention "OOMKilled"');
    expect(result.commandsRun).toEqual([]);
  });

  it('evaluates a model: its commands are answered from the recordings and its root cause checked', async () => {
    const m = memoryIo();
    const model = scriptedChatModel([
      {
        text: 'Describing the crashing pod.',
        toolCalls: [
          {
            name: 'kubectl',
            args: { args: ['describe', 'pod', 'payments-5c6d7e8f9a-kq2lm', '-n', 'billing'] },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: 'submit_result',
            args: {
              summary: 'payments is OOMKilled [1].',
              rootCause: 'payments exceeds its 256Mi memory limit and is OOMKilled [1].',
              confidence: 'confirmed',
            },
          },
        ],
      },
    ]);
    const program = new Command('aurora').exitOverride();
    let exit = -1;
    createRegisterEval(async () => model)(program, m.io, (c) => {
      exit = c;
    });
    await program.parseAsync([
      'node',
      'aurora',
      'eval',
      'examples/scenarios/oom-killed',
      '--model',
      'openai:gpt-4o-mini',
    ]);
    expect(exit).toBe(0);
    const [result] = JSON.parse(m.out());
    expect(result).toMatchObject({ pass: true, confidence: 'confirmed' });
    expect(result.citations).toEqual([
      {
        key: '1',
        tool: 'kubectl',
        command: 'kubectl describe pod payments-5c6d7e8f9a-kq2lm -n billing',
        status: 'ok',
      },
    ]);
  });

  it('exits 2 with a one-line reason for a missing scenario', async () => {
    const m = memoryIo();
    const code = await main(['node', 'aurora', 'eval', 'examples/scenarios/does-not-exist'], m.io);
    expect(code).toBe(2);
    expect(m.err()).toMatch(/^aurora eval: scenario .*does-not-exist not found\n$/);
  });
});
