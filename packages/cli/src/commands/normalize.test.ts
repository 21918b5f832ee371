import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** In-memory io: files are read from the repo (cwd), `-` from the given stdin text. */
function memoryIo(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readInput: async (p) => (p === '-' ? stdin : readFileSync(p, 'utf8')),
    cwd: repoRoot,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const run = (args: string[], stdin?: string) => {
  const m = memoryIo(stdin);
  return main(['node', 'aurora', 'normalize', ...args], m.io).then((code) => ({
    code,
    stdout: m.out(),
    stderr: m.err(),
  }));
};

describe('aurora normalize', () => {
  it('prints the normalized alerts of a fixture as a JSON array, raw omitted', async () => {
    const r = await run(['grafana', 'fixtures/payloads/grafana/unified-docs-firing-multi.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const alerts = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(alerts.map((a) => a.title)).toEqual(['High memory usage', 'High CPU usage']);
    expect(alerts[0]).toMatchObject({
      fingerprint: 'grafana:c6eadffa33fcdf37',
      status: 'firing',
      service: 'blue',
      test: false,
    });
    expect(alerts[0]).not.toHaveProperty('raw');
  });

  it('includes the raw payload with --raw and uses --received-at where the payload has no time', async () => {
    const r = await run([
      'splunk',
      'fixtures/payloads/splunk/enterprise-webhook-docs.json',
      '--raw',
      '--received-at',
      '2026-01-01T00:00:00Z',
    ]);
    expect(r.code).toBe(0);
    const [a] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(a).toMatchObject({
      startedAt: '2026-01-01T00:00:00.000Z',
      raw: { app: 'search', owner: 'admin' },
    });
  });

  it('reads standard input with - and applies --mapping', async () => {
    const body = readFileSync(`${repoRoot}fixtures/payloads/alertmanager/v4-resolved-single.json`, 'utf8');
    const r = await run(
      [
        'alertmanager',
        '-',
        '--mapping',
        '{"serviceLabels":["topic","host"],"severityMap":{"critical":"high"}}',
      ],
      body,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([
      { status: 'resolved', severity: 'high', service: 'andromeda' },
    ]);
  });

  it.each([
    [['nagios', 'x.json'], /^aurora normalize: unknown source 'nagios' \(known: grafana, pagerduty, .*\)\n$/],
    [
      ['grafana', 'fixtures/payloads/does-not-exist.json'],
      /^aurora normalize: cannot read fixtures\/payloads\/does-not-exist\.json \(ENOENT\)\n$/,
    ],
    [
      ['datadog', 'fixtures/payloads/datadog/default-template-unrendered.json'],
      /^aurora normalize: datadog payload: .*\$EVENT_TITLE\n$/,
    ],
    [
      ['grafana', 'fixtures/payloads/SOURCES.md'],
      /^aurora normalize: grafana payload is not valid JSON: .*\n$/,
    ],
    [
      ['grafana', 'fixtures/payloads/grafana/legacy-docs-alerting.json', '--max-bytes', '100'],
      /^aurora normalize: grafana payload is \d+ bytes; the limit is 100\n$/,
    ],
    [
      ['grafana', 'fixtures/payloads/grafana/legacy-docs-alerting.json', '--mapping', '{'],
      /^aurora normalize: --mapping is not valid JSON\n$/,
    ],
  ])('exits 2 with a one-line reason for invalid input: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for an unparseable payload, naming the missing field', async () => {
    const r = await run(['jenkins', '-'], '{"name":"deploy","build":{}}');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('aurora normalize: jenkins payload: missing or invalid field `build.number`\n');
  });
});
