import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInSources } from '../../../adapters/src/sources/index.js';
import { memoryStorage } from '../../../storage-memory/src/index.js';
import type { Confidence } from '../model/index.js';
import { loadScenario } from '../node/load-scenario.js';
import { recordedTools } from '../testing/recorded/recorded-tools.js';
import { replayScenario } from './scenario-replay.js';

const root = new URL('../../../../examples/scenarios/', import.meta.url);
const names = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe('rule-based analyst on the example scenarios', () => {
  it('has at least eight scenarios, two of them without a fault', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(names.filter((n) => n.startsWith('no-fault'))).toHaveLength(2);
  });

  it.each(names)('%s reaches the expected root cause with honest confidence', async (name) => {
    const dir = new URL(`${name}/`, root);
    const scenario = await loadScenario(dir.pathname);
    const raw = JSON.parse(readFileSync(new URL('scenario.json', dir), 'utf8')) as {
      expect?: { confidence?: Confidence };
    };
    const storage = memoryStorage();
    const outcome = await replayScenario({
      scenario,
      sources: builtInSources(),
      storage,
      tools: recordedTools(scenario.recordings),
      ...(raw.expect?.confidence ? { expectConfidence: raw.expect.confidence } : {}),
    });
    expect(outcome.reasons, JSON.stringify(outcome, null, 2)).toEqual([]);
    expect(outcome.pass).toBe(true);
    // Every command ran from a recording; nothing was missing.
    expect(
      outcome.citations.filter((c) => c.status !== 'ok'),
      JSON.stringify(outcome.citations),
    ).toEqual([]);
    expect(outcome.commandsRun.length).toBeGreaterThanOrEqual(5);
  });
});
