import {
  type Clock,
  describePrometheusQuery,
  PrometheusQueryInput,
  systemClock,
  TOOL_DESCRIPTIONS,
  type Tool,
  type ToolResult,
} from '@aurora-rca/core';
import { z } from 'zod';
import { apiUrl, type FetchLike, formatSeries, getJson, unwrapEnvelope } from './http.js';
import { iso, parseDuration, parseTime, unixSeconds } from './time.js';

export interface PrometheusToolOptions {
  /** Server root, e.g. `http://prometheus:9090` or `https://grafana.example/api/prom`. */
  baseUrl: string;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** Sent with every request (e.g. `Authorization`). Never shown to the model. */
  headers?: Record<string, string>;
  /** @default systemClock */
  clock?: Clock;
  /** Series rendered per answer; the rest are counted. @default 50 */
  maxSeries?: number;
}

const Sample = z.tuple([z.number(), z.string()]);
const Vector = z.array(z.object({ metric: z.record(z.string(), z.string()), value: Sample }));
const Matrix = z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(Sample) }));

/**
 * PromQL over the Prometheus HTTP API: `/api/v1/query` (instant) or, with `start` or
 * `lookback`, `/api/v1/query_range`. Read-only. Results are rendered as text the model can
 * read: one line per series for a vector, a summary plus points for a matrix.
 *
 * @example
 * ```ts
 * const prometheus = prometheusTool({ baseUrl: 'http://prometheus:9090' });
 * ```
 */
export function prometheusTool(options: PrometheusToolOptions): Tool<PrometheusQueryInput> {
  const clock = options.clock ?? systemClock;
  const maxSeries = options.maxSeries ?? 50;
  const describe = describePrometheusQuery;
  return {
    specificationVersion: 'v1',
    name: 'prometheus',
    description: TOOL_DESCRIPTIONS.prometheus,
    input: PrometheusQueryInput,
    access: 'read',
    describe,
    async run(input, context): Promise<ToolResult> {
      const command = describe(input);
      const fetchImpl = options.fetch ?? ((...args: Parameters<FetchLike>) => globalThis.fetch(...args));
      const isRange = input.start !== undefined || input.lookback !== undefined;
      let url: URL;
      if (isRange) {
        const end = input.end ? parseTime(input.end) : clock.now();
        const start = input.start ? parseTime(input.start) : end - parseDuration(input.lookback as string);
        if (start >= end)
          return { status: 'error', output: '', command, reason: 'range start must be before end' };
        const step = input.step
          ? parseDuration(input.step)
          : Math.max(15_000, Math.ceil((end - start) / 60 / 1000) * 1000);
        url = apiUrl(options.baseUrl, '/api/v1/query_range', {
          query: input.query,
          start: unixSeconds(start),
          end: unixSeconds(end),
          step: `${step / 1000}s`,
        });
      } else {
        url = apiUrl(options.baseUrl, '/api/v1/query', {
          query: input.query,
          time: unixSeconds(input.time ? parseTime(input.time) : clock.now()),
        });
      }
      const { status, body } = await getJson(fetchImpl, url, {
        signal: context.signal,
        ...(options.headers ? { headers: options.headers } : {}),
      });
      const unwrapped = unwrapEnvelope('prometheus', status, body, command);
      if (!unwrapped.ok) return unwrapped.result;
      const warnings = unwrapped.warnings.map((w) => `warning: ${w}`);
      const lines = renderResult(unwrapped.data.resultType, unwrapped.data.result, maxSeries);
      if (lines === undefined)
        return {
          status: 'error',
          output: '',
          command,
          reason: `unsupported resultType ${unwrapped.data.resultType}`,
        };
      if (lines.length === 0)
        return { status: 'empty', output: ['no series matched', ...warnings].join('\n'), command };
      return { status: 'ok', output: [...lines, ...warnings].join('\n'), command };
    },
  };
}

/** Text lines for a Prometheus (or Loki metric) result; `undefined` for an unknown shape. */
export function renderResult(resultType: string, result: unknown, maxSeries: number): string[] | undefined {
  if (resultType === 'vector') {
    const v = Vector.safeParse(result);
    if (!v.success) return undefined;
    const lines = v.data
      .slice(0, maxSeries)
      .map((s) => `${formatSeries(s.metric)} ${s.value[1]} @ ${iso(s.value[0] * 1000)}`);
    return withMore(lines, v.data.length, maxSeries);
  }
  if (resultType === 'matrix') {
    const m = Matrix.safeParse(result);
    if (!m.success) return undefined;
    const lines: string[] = [];
    for (const s of m.data.slice(0, maxSeries)) {
      const nums = s.values.map(([, v]) => Number(v)).filter((n) => !Number.isNaN(n));
      const last = s.values.at(-1)?.[1] ?? '';
      const summary = nums.length
        ? `min ${Math.min(...nums)}, max ${Math.max(...nums)}, last ${last}`
        : `last ${last}`;
      lines.push(`${formatSeries(s.metric)} (${s.values.length} points; ${summary})`);
      for (const [t, v] of s.values) lines.push(`  ${iso(t * 1000)} ${v}`);
    }
    return withMore(lines, m.data.length, maxSeries);
  }
  if (resultType === 'scalar' || resultType === 'string') {
    const s = Sample.safeParse(result);
    return s.success ? [`${resultType} ${s.data[1]} @ ${iso(s.data[0] * 1000)}`] : undefined;
  }
  return undefined;
}

function withMore(lines: string[], total: number, max: number): string[] {
  return total > max ? [...lines, `… ${total - max} more series not shown`] : lines;
}
