import { readFileSync } from 'node:fs';
import { executeTool, manualClock, type ToolContext } from '@aurora-rca/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prometheusTool } from './prometheus.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const requests: Array<{ url: URL; headers: Headers }> = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

function answer(path: string, body: unknown, status = 200) {
  server.use(
    http.get(`http://prometheus.test:9090${path}`, ({ request }) => {
      requests.push({ url: new URL(request.url), headers: request.headers });
      return HttpResponse.json(body as never, { status });
    }),
  );
}

const ctx: ToolContext = {
  tenantId: 't1',
  mode: 'investigation',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
};
const clock = manualClock('2015-07-01T20:11:00.781Z');
const tool = () =>
  prometheusTool({
    baseUrl: 'http://prometheus.test:9090',
    clock,
    headers: { authorization: 'Bearer prom-token-123456' },
  });

describe('prometheusTool', () => {
  it('runs an instant query at the injected time and renders the vector', async () => {
    answer('/api/v1/query', fixture('prometheus-query-vector.json'));
    const result = await executeTool(tool(), { query: 'up' }, ctx);
    expect(result.status).toBe('ok');
    expect(result.command).toBe('promql up');
    expect(result.output).toBe(
      [
        'up{instance="localhost:9090", job="prometheus"} 1 @ 2015-07-01T20:10:51.781Z',
        'up{instance="localhost:9100", job="node"} 0 @ 2015-07-01T20:10:51.781Z',
      ].join('\n'),
    );
    expect(requests[0]?.url.searchParams.get('query')).toBe('up');
    expect(requests[0]?.url.searchParams.get('time')).toBe('1435781460.781');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer prom-token-123456');
  });

  it('runs a range query over a lookback window and summarises each series', async () => {
    answer('/api/v1/query_range', fixture('prometheus-query-range-matrix.json'));
    const result = await executeTool(tool(), { query: 'up', lookback: '30s', step: '15s' }, ctx);
    expect(result.status).toBe('ok');
    expect(result.output).toContain(
      'up{instance="localhost:9091", job="node"} (3 points; min 0, max 1, last 1)',
    );
    expect(result.output).toContain('  2015-07-01T20:10:30.781Z 0');
    const params = requests[0]?.url.searchParams;
    expect([params?.get('start'), params?.get('end'), params?.get('step')]).toEqual([
      '1435781430.781',
      '1435781460.781',
      '15s',
    ]);
  });

  it('chooses a step of about 60 points when none is given', async () => {
    answer('/api/v1/query_range', fixture('prometheus-query-range-matrix.json'));
    await executeTool(
      tool(),
      { query: 'up', start: '2015-07-01T19:11:00.781Z', end: '2015-07-01T20:11:00.781Z' },
      ctx,
    );
    expect(requests[0]?.url.searchParams.get('step')).toBe('60s');
  });

  it("shows Prometheus's own error for a bad query", async () => {
    answer(
      '/api/v1/query',
      {
        status: 'error',
        errorType: 'bad_data',
        error: 'invalid parameter "query": 1:4: parse error: unexpected "}"',
      },
      400,
    );
    const result = await executeTool(tool(), { query: 'up}' }, ctx);
    expect(result).toMatchObject({
      status: 'error',
      reason: 'prometheus 400 bad_data: invalid parameter "query": 1:4: parse error: unexpected "}"',
    });
  });

  it('reports an empty result as empty', async () => {
    answer('/api/v1/query', { status: 'success', data: { resultType: 'vector', result: [] } });
    expect(await executeTool(tool(), { query: 'up{job="nope"}' }, ctx)).toMatchObject({
      status: 'empty',
      output: 'no series matched',
    });
  });

  it('reports an unreachable server as an error result', async () => {
    server.use(http.get('http://prometheus.test:9090/api/v1/query', () => HttpResponse.error()));
    const result = await executeTool(tool(), { query: 'up' }, ctx);
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/^http:\/\/prometheus.test:9090 unreachable/);
  });

  it('keeps a path prefix of the base URL', async () => {
    server.use(
      http.get('http://grafana.test/api/prom/api/v1/query', ({ request }) => {
        requests.push({ url: new URL(request.url), headers: request.headers });
        return HttpResponse.json(fixture('prometheus-query-vector.json') as never);
      }),
    );
    const result = await executeTool(
      prometheusTool({ baseUrl: 'http://grafana.test/api/prom/', clock }),
      { query: 'up' },
      ctx,
    );
    expect(result.status).toBe('ok');
  });
});

describe('prometheusTool answer size', () => {
  it('refuses an answer over the JSON cap instead of buffering it', async () => {
    const huge = `{"status":"success","data":{"resultType":"vector","result":[${'{"metric":{},"value":[1,"1"]},'.repeat(300_000)}`;
    server.use(http.get('http://prometheus.test:9090/api/v1/query', () => HttpResponse.text(huge)));
    const result = await executeTool(tool(), { query: 'up' }, ctx);
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/answered with more than 8388608 bytes; narrow the query/);
  });
});
