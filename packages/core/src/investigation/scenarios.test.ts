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

describe('fix suggestions from the rule-based analyst', () => {
  const TENANT = 'eval'; // replayScenario's default tenant
  it('proposes raising an OOM-killed memory limit in the manifest its deployment annotations name', async () => {
    const dir = new URL('oom-killed/', root);
    const scenario = await loadScenario(dir.pathname);
    const storage = memoryStorage();
    await replayScenario({ scenario, sources: builtInSources(), storage, tools: recordedTools(scenario.recordings) });
    const [incident] = (await storage.incidents.list(TENANT)).items;
    const fix = (await storage.suggestions.listByIncident(TENANT, incident!.id)).find((s) => s.type === 'fix');
    expect(fix).toMatchObject({ type: 'fix', repository: 'acme/billing', filePath: 'deploy/k8s/payments.yaml' });
    if (fix?.type !== 'fix') throw new Error('no fix');
    expect(fix.originalContent).toContain('memory: 256Mi');
    expect(fix.suggestedContent).toContain('memory: 512Mi');
    // Only the limit changed: the request stays, and nothing else moved.
    expect(fix.suggestedContent).toContain('memory: 128Mi');
    expect(fix.suggestedContent.replace('512Mi', '256Mi')).toBe(fix.originalContent);
    expect(fix.rationale).toMatch(/\[\d+\].*\[\d+\]/);
  });

  it('proposes no fix when the manifest does not declare the limit the container died at', async () => {
    const dir = new URL('oom-killed/', root);
    const scenario = await loadScenario(dir.pathname);
    const recordings = scenario.recordings.map((r) =>
      r.tool === 'http_get' ? { ...r, output: r.output.replace('memory: 256Mi', 'memory: 1Gi') } : r,
    );
    const outcome = await replayScenario({ scenario: { ...scenario, recordings }, sources: builtInSources(), storage: memoryStorage(), tools: recordedTools(recordings) });
    expect(outcome.suggestions.some((s) => s.type === 'fix')).toBe(false);
  });
});
