import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load-scenario.js';

async function dirWith(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aurora-scenario-'));
  await writeFile(join(dir, 'scenario.json'), content);
  return dir;
}

describe('loadScenario', () => {
  it('reads a bundle directory and applies defaults', async () => {
    const dir = await dirWith(
      JSON.stringify({
        name: 'crashloop',
        alerts: [{ at: '2026-01-01T00:00:00Z', source: 'alertmanager', payload: { alerts: [] } }],
        recordings: [
          { tool: 'kubectl', input: { args: ['get', 'pods', '-n', 'shop'] }, output: 'web-1 0/1' },
        ],
        expect: { rootCause: { service: 'web', mustMention: ['OOMKilled'] } },
      }),
    );
    const scenario = await loadScenario(dir);
    expect(scenario).toMatchObject({
      name: 'crashloop',
      description: '',
      expect: { rootCause: { mustMention: ['OOMKilled'] } },
    });
    expect(scenario.recordings).toHaveLength(1);
    expect(await loadScenario(join(dir, 'scenario.json'))).toEqual(scenario);
  });

  it('explains what is wrong with an invalid bundle', async () => {
    const dir = await dirWith(JSON.stringify({ name: 'x', recordings: [{ tool: 'kubectl', input: {} }] }));
    await expect(loadScenario(dir)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/recordings\.0\.output/),
    });
    await expect(loadScenario(await dirWith('{ nope'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(loadScenario(join(tmpdir(), 'no-such-aurora-scenario'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
