import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';
import type { ReplayOutput } from './replay.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (path: string) =>
  JSON.parse(readFileSync(`${repoRoot}fixtures/payloads/${path}.json`, 'utf8'));

/** In-memory io: named files come from `files`, anything else from the repository. */
function memoryIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readInput: async (p) => {
      const name = p.slice(repoRoot.length);
      if (name in files) return files[name]!;
      return readFileSync(p, 'utf8');
    },
    cwd: repoRoot,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function replay(files: Record<string, string>, args: string[]) {
  const m = memoryIo(files);
  const code = await main(['node', 'aurora', 'replay', ...args], m.io);
  return { code, stdout: m.out(), stderr: m.err() };
}

const line = (at: string, source: string, payload: unknown) => JSON.stringify({ at, source, payload });

// The Alertmanager payload with its first alert moved to the `asgard` service.
const firing = fixture('alertmanager/v4-firing-two-alerts-critical');
firing.alerts[0].labels.service = 'asgard';
firing.alerts[1].labels.service = 'asgard';
const resolved = fixture('alertmanager/v4-resolved-single');
resolved.alerts[0].labels.service = 'asgard';

const timeline = [
  line('2026-03-01T12:00:00Z', 'jenkins', fixture('jenkins/notification-plugin-docs-completed-success')),
  line('2026-03-01T12:02:00Z', 'alertmanager', firing),
  '{"at": "2026-03-01T12:02:30Z", "source": "grafana", ',
  '',
  line('2026-03-01T12:03:00Z', 'pagerduty', fixture('pagerduty/v3-incident-triggered')),
  line('2026-03-01T12:04:00Z', 'alertmanager', firing),
  line('2026-03-01T12:05:00Z', 'alertmanager', resolved),
  line('2026-03-01T12:05:00Z', 'nagios', {}),
  line('not a time', 'grafana', {}),
  line('2026-03-01T12:20:00Z', 'grafana', fixture('grafana/unified-docs-firing-multi')),
  line('2026-03-01T12:21:00Z', 'grafana', { foo: 1 }),
].join('\n');

describe('aurora replay', () => {
  it('prints the incidents with line numbers, reports bad lines on stderr and goes on', async () => {
    const r = await replay({ 'timeline.jsonl': timeline }, ['timeline.jsonl']);
    expect(r.code).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors[0]).toMatch(/^aurora replay: line 3: invalid JSON/);
    expect(errors[1]).toMatch(/^aurora replay: line 8: Unknown alert source 'nagios'/);
    expect(errors[2]).toBe('aurora replay: line 9: at: not an ISO-8601 time');
    expect(errors[3]).toMatch(/^aurora replay: line 11: grafana payload: expected/);
    expect(errors).toHaveLength(4);

    const out = JSON.parse(r.stdout) as ReplayOutput;
    expect(out.incidents).toEqual([
      {
        id: 'incident_000001',
        title: 'High CPU Temperature',
        status: 'investigating',
        severity: 'critical',
        services: ['asgard'],
        alerts: [
          {
            line: 1,
            fingerprint: 'jenkins:build:asgard#18',
            status: 'resolved',
            strategy: 'change',
            score: 0.967,
          },
          {
            line: 2,
            fingerprint: 'alertmanager:a1bc48475b20e73d',
            status: 'resolved',
            strategy: 'new',
            score: 1,
          },
          {
            line: 2,
            fingerprint: 'alertmanager:c2ea85182f28cbd9',
            status: 'firing',
            strategy: 'service',
            score: 0.995,
          },
        ],
      },
      {
        id: 'incident_000002',
        title: 'Test Incident 3',
        status: 'investigating',
        severity: 'high',
        services: ['pig208'],
        alerts: [
          { line: 5, fingerprint: 'pagerduty:incident:PFQZPSY', status: 'firing', strategy: 'new', score: 1 },
        ],
      },
      {
        id: 'incident_000003',
        title: 'High memory usage',
        status: 'investigating',
        severity: 'unknown',
        services: ['blue'],
        alerts: [
          { line: 10, fingerprint: 'grafana:c6eadffa33fcdf37', status: 'firing', strategy: 'new', score: 1 },
          {
            line: 10,
            fingerprint: 'grafana:bc97ff14869b13e3',
            status: 'firing',
            strategy: 'service',
            score: expect.any(Number),
          },
        ],
      },
    ]);
  });

  it('applies --config and --topology', async () => {
    const files = {
      't.jsonl': [
        line('2026-03-01T12:00:00Z', 'pagerduty', fixture('pagerduty/v3-incident-triggered')),
        line('2026-03-01T12:01:00Z', 'datadog', fixture('datadog/metric-alert-triggered-codenow')),
      ].join('\n'),
      'topology.json': JSON.stringify({ dependencies: { pig208: ['dock'] } }),
      'shadow.json': JSON.stringify({ correlation: { shadow: true } }),
    };
    const joined = JSON.parse(
      (await replay(files, ['t.jsonl', '--topology', 'topology.json'])).stdout,
    ) as ReplayOutput;
    expect(joined.incidents).toHaveLength(1);
    expect(joined.incidents[0]!.services).toEqual(['pig208', 'dock']);
    expect(joined.incidents[0]!.alerts[1]).toMatchObject({ line: 2, strategy: 'topology' });

    const apart = JSON.parse((await replay(files, ['t.jsonl'])).stdout) as ReplayOutput;
    expect(apart.incidents).toHaveLength(2);

    const shadow = await replay(files, ['t.jsonl', '--topology', 'topology.json', '--config', 'shadow.json']);
    expect(shadow.code).toBe(0);
    expect((JSON.parse(shadow.stdout) as ReplayOutput).incidents).toHaveLength(2);
  });

  it('exits 2 on an invalid config, topology or unreadable timeline', async () => {
    const files = {
      't.jsonl': '',
      'bad.json': JSON.stringify({ correlation: { treshold: 1 } }),
      'topo.json': '[]',
    };
    const bad = await replay(files, ['t.jsonl', '--config', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^aurora replay: Invalid correlation options/);
    expect((await replay(files, ['t.jsonl', '--topology', 'topo.json'])).code).toBe(2);
    const missing = await replay(files, ['nope.jsonl']);
    expect(missing).toMatchObject({ code: 2, stderr: 'aurora replay: cannot read nope.jsonl (ENOENT)\n' });
  });
});
