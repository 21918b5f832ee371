import { readFileSync } from 'node:fs';
import { executeTool, manualClock, type ToolContext } from '@aurora-rca/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lokiTool } from './loki.js';

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

function answer(body: unknown, status = 200) {
  server.use(
    http.get('http://loki.test:3100/loki/api/v1/query_range', ({ request }) => {
      requests.push({ url: new URL(request.url), headers: request.headers });
      return HttpResponse.json(body as never, { status });
    }),
  );
}

const ctx: ToolContext = {
  tenantId: 't1',
  mode: 'ask',
  signal: new AbortController().signal,
  timeoutMs: 5_000,
};
const clock = manualClock('2019-09-23T19:30:00Z');
const tool = () => lokiTool({ baseUrl: 'http://loki.test:3100', clock, orgId: 'shop' });

describe('lokiTool', () => {
  it('queries the last hour by default and renders streams newest first', async () => {
    answer(fixture('loki-query-range-streams.json'));
    const result = await executeTool(tool(), { query: '{job="varlogs"}' }, ctx);
    expect(result).toMatchObject({ status: 'ok', command: 'logql {job="varlogs"} [1h]' });
    expect(result.output).toBe(
      [
        '{filename="/var/log/myproject.log", job="varlogs", level="info"}',
        '  2019-09-23T19:21:37.240Z foo',
        '  2019-09-23T19:21:32.548Z bar',
      ].join('\n'),
    );
    const params = requests[0]?.url.searchParams;
    expect(params?.get('end')).toBe('1569267000000000000');
    expect(params?.get('start')).toBe('1569263400000000000');
    expect(params?.get('limit')).toBe('100');
    expect(params?.get('direction')).toBe('backward');
    expect(requests[0]?.headers.get('x-scope-orgid')).toBe('shop');
  });

  it('orders oldest first when asked forward, with the given limit and window', async () => {
    answer(fixture('loki-query-range-streams.json'));
    const result = await executeTool(
      tool(),
      { query: '{job="varlogs"}', direction: 'forward', limit: 5, lookback: '15m' },
      ctx,
    );
    expect(result.output.split('\n').slice(1)).toEqual([
      '  2019-09-23T19:21:32.548Z bar',
      '  2019-09-23T19:21:37.240Z foo',
    ]);
    expect(requests[0]?.url.searchParams.get('limit')).toBe('5');
    expect(requests[0]?.url.searchParams.get('start')).toBe('1569266100000000000');
  });

  it('renders metric queries as series', async () => {
    answer(fixture('loki-query-range-matrix.json'));
    const result = await executeTool(tool(), { query: 'sum(rate({job="varlogs"}[10m])) by (level)' }, ctx);
    expect(result.output).toContain(
      '{level="warn"} (3 points; min 137.27833333333334, max 660.6933333333334, last 660.6933333333334)',
    );
  });

  it('reports no lines as empty and a bad query with the reason', async () => {
    answer({ status: 'success', data: { resultType: 'streams', result: [] } });
    expect(await executeTool(tool(), { query: '{job="none"}' }, ctx)).toMatchObject({ status: 'empty' });
    server.resetHandlers();
    answer(
      { status: 'error', errorType: 'bad_data', error: 'parse error at line 1, col 2: syntax error' },
      400,
    );
    expect(await executeTool(tool(), { query: '{job' }, ctx)).toMatchObject({
      status: 'error',
      reason: 'loki 400 bad_data: parse error at line 1, col 2: syntax error',
    });
  });

  it('redacts secrets that appear in log lines', async () => {
    answer({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [
          {
            stream: { app: 'web' },
            values: [['1569266497240578000', 'connect postgres://app:pw-123@db:5432/shop failed']],
          },
        ],
      },
    });
    const result = await executeTool(tool(), { query: '{app="web"}' }, ctx);
    expect(result.output).toContain('postgres://app:[REDACTED]@db:5432/shop');
  });
});
