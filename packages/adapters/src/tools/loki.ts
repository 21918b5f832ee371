import {
  type Clock,
  describeLokiQuery,
  LokiQueryInput,
  systemClock,
  TOOL_DESCRIPTIONS,
  type Tool,
  type ToolResult,
} from '@aurora-rca/core';
import { z } from 'zod';
import { apiUrl, type FetchLike, formatSeries, getJson, unwrapEnvelope } from './http.js';
import { renderResult } from './prometheus.js';
import { iso, parseDuration, parseTime } from './time.js';

export interface LokiToolOptions {
  /** Server root, e.g. `http://loki:3100`. */
  baseUrl: string;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** Sent with every request (e.g. `Authorization`). Never shown to the model. */
  headers?: Record<string, string>;
  /** Multi-tenant Loki: sent as `X-Scope-OrgID`. */
  orgId?: string;
  /** @default systemClock */
  clock?: Clock;
}

const Streams = z.array(
  z.object({ stream: z.record(z.string(), z.string()), values: z.array(z.tuple([z.string(), z.string()])) }),
);

/**
 * LogQL over Loki's `/loki/api/v1/query_range` (default window: the last hour, 100 lines,
 * newest first). Log queries render one block per stream — its labels, then
 * `time line` rows; metric queries render like Prometheus matrices.
 *
 * @example
 * ```ts
 * const loki = lokiTool({ baseUrl: 'http://loki:3100', orgId: 'shop' });
 * ```
 */
export function lokiTool(options: LokiToolOptions): Tool<LokiQueryInput> {
  const clock = options.clock ?? systemClock;
  const describe = describeLokiQuery;
  return {
    specificationVersion: 'v1',
    name: 'loki',
    description: TOOL_DESCRIPTIONS.loki,
    input: LokiQueryInput,
    access: 'read',
    describe,
    async run(input, context): Promise<ToolResult> {
      const command = describe(input);
      const fetchImpl = options.fetch ?? ((...args: Parameters<FetchLike>) => globalThis.fetch(...args));
      const end = input.end ? parseTime(input.end) : clock.now();
      const start = input.start ? parseTime(input.start) : end - parseDuration(input.lookback ?? '1h');
      if (start >= end)
        return { status: 'error', output: '', command, reason: 'range start must be before end' };
      const direction = input.direction ?? 'backward';
      const url = apiUrl(options.baseUrl, '/loki/api/v1/query_range', {
        query: input.query,
        start: `${BigInt(start) * 1_000_000n}`,
        end: `${BigInt(end) * 1_000_000n}`,
        limit: String(input.limit ?? 100),
        direction,
      });
      const headers = { ...options.headers, ...(options.orgId ? { 'X-Scope-OrgID': options.orgId } : {}) };
      const { status, body } = await getJson(fetchImpl, url, { signal: context.signal, headers });
      const unwrapped = unwrapEnvelope('loki', status, body, command);
      if (!unwrapped.ok) return unwrapped.result;
      if (unwrapped.data.resultType === 'streams') {
        const streams = Streams.safeParse(unwrapped.data.result);
        if (!streams.success)
          return { status: 'error', output: '', command, reason: 'loki streams in an unexpected shape' };
        const lines = renderStreams(streams.data, direction);
        if (lines.length === 0) return { status: 'empty', output: 'no log lines matched', command };
        return { status: 'ok', output: lines.join('\n'), command };
      }
      const lines = renderResult(unwrapped.data.resultType, unwrapped.data.result, 50);
      if (lines === undefined)
        return {
          status: 'error',
          output: '',
          command,
          reason: `unsupported resultType ${unwrapped.data.resultType}`,
        };
      if (lines.length === 0) return { status: 'empty', output: 'no series matched', command };
      return { status: 'ok', output: lines.join('\n'), command };
    },
  };
}

function renderStreams(streams: z.infer<typeof Streams>, direction: 'backward' | 'forward'): string[] {
  const lines: string[] = [];
  for (const s of streams) {
    if (s.values.length === 0) continue;
    const sorted = [...s.values].sort(([a], [b]) => {
      const d = BigInt(a) - BigInt(b);
      const cmp = d < 0n ? -1 : d > 0n ? 1 : 0;
      return direction === 'backward' ? -cmp : cmp;
    });
    lines.push(formatSeries(s.stream));
    for (const [ns, line] of sorted) lines.push(`  ${iso(Number(BigInt(ns) / 1_000_000n))} ${line}`);
  }
  return lines;
}
