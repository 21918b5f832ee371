import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../spec/tool.js';
import { executeTool } from '../../tools/execute-tool.js';
import { recordingKey } from './match.js';
import { recordedRunner } from './recorded-runner.js';
import { recordedTools } from './recorded-tools.js';
import { type Recording, ScenarioBundle } from './scenario.js';

const ctx: ToolContext = {
  tenantId: 't1',
  mode: 'investigation',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
};
const k = (...args: string[]) => recordingKey('kubectl', { args });

describe('recordingKey for kubectl', () => {
  it('ignores flag order, output format and presentation flags', () => {
    const base = k('describe', 'pod', 'web-1', '-n', 'shop');
    expect(k('describe', '-n', 'shop', 'pod', 'web-1')).toBe(base);
    expect(k('-n', 'shop', 'describe', 'pods/web-1')).toBe(base);
    expect(k('describe', 'po', 'web-1', '--namespace=shop', '-o', 'yaml')).toBe(base);
    expect(k('get', 'pods', '-n', 'shop', '-o', 'wide')).toBe(
      k('get', 'pod', '--namespace', 'shop', '--output=json'),
    );
    expect(k('logs', 'web-1', '-n', 'shop', '--tail=100', '--timestamps')).toBe(
      k('logs', '-n', 'shop', 'web-1'),
    );
  });

  it('keeps what changes the answer: name, namespace, container, --previous, selector', () => {
    const base = k('logs', 'web-1', '-n', 'shop', '-c', 'app', '--previous');
    expect(k('logs', 'web-1', '-n', 'shop', '-c', 'app', '-p')).toBe(base);
    expect(k('logs', 'web-1', '-n', 'shop', '-c', 'app')).not.toBe(base);
    expect(k('logs', 'web-1', '-n', 'shop', '-c', 'sidecar', '--previous')).not.toBe(base);
    expect(k('logs', 'web-2', '-n', 'shop', '-c', 'app', '--previous')).not.toBe(base);
    expect(k('logs', 'web-1', '-n', 'prod', '-c', 'app', '--previous')).not.toBe(base);
    expect(k('get', 'pods', '-l', 'app=web,tier=fe')).toBe(k('get', 'pods', '--selector=tier=fe, app=web'));
    expect(k('get', 'pods', '-l', 'app=web')).not.toBe(k('get', 'pods', '-l', 'app=api'));
    expect(k('get', 'pods')).not.toBe(k('get', 'deployments'));
    expect(k('top', 'pod', '-n', 'shop')).toBe(k('top', 'pods', '-n', 'shop'));
    expect(k('rollout', 'history', 'deploy/web')).toBe(k('rollout', 'history', 'deployment', 'web'));
  });

  it('matches other CLIs on everything but the output-format flag', () => {
    const a = recordingKey('aws', {
      args: ['ecs', 'describe-services', '--cluster', 'prod', '--services', 'web'],
    });
    expect(
      recordingKey('aws', {
        args: ['ecs', 'describe-services', '--services', 'web', '--cluster=prod', '--output', 'json'],
      }),
    ).toBe(a);
    expect(
      recordingKey('aws', { args: ['ecs', 'describe-services', '--cluster', 'dev', '--services', 'web'] }),
    ).not.toBe(a);
    expect(recordingKey('gcloud', { args: ['run', 'services', 'list', '--format=json'] })).toBe(
      recordingKey('gcloud', { args: ['run', 'services', 'list'] }),
    );
    expect(recordingKey('prometheus', { query: 'rate(http_requests_total[5m])', lookback: '1h' })).toBe(
      recordingKey('prometheus', { query: '  rate(http_requests_total[5m]) ' }),
    );
  });
});

const recordings: Recording[] = [
  {
    tool: 'kubectl',
    input: { args: ['get', 'pods', '-n', 'shop'] },
    output: 'web-1   0/1   CrashLoopBackOff   7   10m',
  },
  {
    tool: 'kubectl',
    input: { args: ['logs', 'web-1', '-n', 'shop', '--previous'] },
    output: 'panic: DB_PASSWORD=hunter2 rejected',
  },
  {
    tool: 'kubectl',
    input: { args: ['get', 'deploy', 'api', '-n', 'shop'] },
    output: 'Error from server (NotFound)',
    exitCode: 1,
  },
  {
    tool: 'kubectl',
    input: { args: ['get', 'secret', 'db', '-n', 'shop', '-o', 'yaml'] },
    output: 'password: aHVudGVyMg==',
  },
  { tool: 'prometheus', input: { query: 'up{job="web"}' }, output: '{job="web"} 0' },
  {
    tool: 'loki',
    input: { query: '{app="web"} |= "error"' },
    output: '2026-01-01T00:00:00Z {app="web"} error: db refused',
  },
];

describe('recordedTools', () => {
  const byName = () => Object.fromEntries(recordedTools(recordings).map((t) => [t.name, t]));

  it('offers the standard tool names', () => {
    expect(recordedTools([]).map((t) => t.name)).toEqual([
      'kubectl',
      'gcloud',
      'aws',
      'az',
      'prometheus',
      'loki',
      'http_get',
    ]);
  });

  it('answers a recorded call whatever the flag order or output format', async () => {
    const tools = byName();
    const r = await executeTool(tools.kubectl!, { args: ['-n', 'shop', 'get', 'po', '-o', 'wide'] }, ctx);
    expect(r).toMatchObject({ status: 'ok', output: 'web-1   0/1   CrashLoopBackOff   7   10m' });
    const logs = await executeTool(tools.kubectl!, { args: ['logs', '-p', '-n', 'shop', 'web-1'] }, ctx);
    expect(logs.output).toBe('panic: DB_PASSWORD=[REDACTED] rejected');
  });

  it('answers an unrecorded call with a clear error and never runs anything live', async () => {
    const r = await executeTool(byName().kubectl!, { args: ['get', 'pods', '-n', 'payments'] }, ctx);
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/^no recorded output for kubectl get pods -n payments/);
    const q = await executeTool(byName().prometheus!, { query: 'up{job="api"}' }, ctx);
    expect(q).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/^no recorded output for promql up\{job="api"\}/),
    });
  });

  it('replays a recorded failure as an error result', async () => {
    const r = await executeTool(byName().kubectl!, { args: ['get', 'deployment', 'api', '-n', 'shop'] }, ctx);
    expect(r).toMatchObject({ status: 'error', exitCode: 1, output: 'Error from server (NotFound)' });
  });

  it('still applies the policy to recorded tools', async () => {
    const r = await executeTool(
      byName().kubectl!,
      { args: ['get', 'secret', 'db', '-n', 'shop', '-o', 'yaml'] },
      ctx,
    );
    expect(r).toMatchObject({ status: 'error', decision: { decision: 'deny' } });
    expect(r.output).toBe('');
  });

  it('serves Prometheus and Loki recordings by query', async () => {
    const tools = byName();
    expect(
      await executeTool(tools.prometheus!, { query: 'up{job="web"}', lookback: '30m' }, ctx),
    ).toMatchObject({
      status: 'ok',
      output: '{job="web"} 0',
    });
    expect((await executeTool(tools.loki!, { query: '{app="web"}  |= "error"' }, ctx)).output).toContain(
      'db refused',
    );
  });

  it('serves repeated recordings in order, then repeats the last', async () => {
    const runner = recordedRunner([
      { tool: 'kubectl', input: { args: ['get', 'pods'] }, output: 'first' },
      { tool: 'kubectl', input: { args: ['get', 'pods'] }, output: 'second' },
    ]);
    const outputs = [];
    for (let i = 0; i < 3; i++)
      outputs.push((await runner.run('/usr/local/bin/kubectl', ['get', 'pods'])).stdout);
    expect(outputs).toEqual(['first', 'second', 'second']);
    expect(runner.calls).toHaveLength(3);
  });
});

describe('ScenarioBundle', () => {
  it('parses the documented format', () => {
    const bundle = ScenarioBundle.parse({
      name: 'oom',
      description: 'web is OOM killed',
      alerts: [{ at: 0, source: 'grafana', payload: {}, headers: { 'content-type': 'application/json' } }],
      recordings,
      expect: { rootCause: { service: 'web', mustMention: ['OOM'] } },
    });
    expect(bundle.recordings).toHaveLength(recordings.length);
    expect(() => ScenarioBundle.parse({ name: '' })).toThrow();
  });
});
