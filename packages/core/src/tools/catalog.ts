import { z } from 'zod';
import { MAX_ARG_LENGTH, MAX_ARGS } from './argv-guards.js';

/**
 * Names, descriptions and input schemas of the standard diagnostic tools. The live tools in
 * `@aurora-rca/adapters/tools` and the recorded ones in `@aurora-rca/core/testing` share
 * them, so a model sees exactly the same tools in a replay as in production.
 */
export const STANDARD_TOOL_NAMES = [
  'kubectl',
  'gcloud',
  'aws',
  'az',
  'prometheus',
  'loki',
  'http_get',
] as const;
/** One of {@link STANDARD_TOOL_NAMES}. */
export type StandardToolName = (typeof STANDARD_TOOL_NAMES)[number];

/** Input of every command-line tool: the argv without the program name. */
export const CommandToolInput = z.object({
  args: z
    .array(z.string().max(MAX_ARG_LENGTH))
    .min(1)
    .max(MAX_ARGS)
    .describe(
      'Arguments without the program name, one array element per argument, e.g. ["get", "pods", "-n", "shop"]',
    ),
});
export type CommandToolInput = z.infer<typeof CommandToolInput>;

const time = z
  .string()
  .regex(/^(\d{9,10}(\.\d+)?|\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2}))$/, 'RFC 3339 or Unix seconds');
const duration = z.string().regex(/^\d+[smhd]$/, 'a duration like 30s, 15m, 1h, 2d');

/** Input of the `prometheus` tool: an instant query, or a range query with `lookback` or `start`. */
export const PrometheusQueryInput = z.object({
  query: z.string().min(1).max(10_000).describe('PromQL expression'),
  time: time.optional().describe('Instant query evaluation time (RFC 3339 or Unix seconds); default now'),
  start: time.optional().describe('Range start; makes this a range query'),
  end: time.optional().describe('Range end; default now'),
  lookback: duration.optional().describe('Range query over this window ending at `end` (e.g. "1h")'),
  step: z
    .string()
    .regex(/^\d+(\.\d+)?[smhd]?$/, 'a duration like 60s or seconds')
    .optional()
    .describe('Range resolution; default chosen for about 60 points'),
});
export type PrometheusQueryInput = z.infer<typeof PrometheusQueryInput>;

/** Input of the `loki` tool: a LogQL query over a time range. */
export const LokiQueryInput = z.object({
  query: z.string().min(1).max(10_000).describe('LogQL query, e.g. {namespace="shop", app="web"} |= "error"'),
  start: time.optional().describe('Range start (RFC 3339 or Unix seconds)'),
  end: time.optional().describe('Range end; default now'),
  lookback: duration.optional().describe('Window ending at `end` when `start` is not given; default 1h'),
  limit: z.number().int().min(1).max(1000).optional().describe('Maximum log lines; default 100'),
  direction: z
    .enum(['backward', 'forward'])
    .optional()
    .describe('backward (newest first, default) or forward'),
});
export type LokiQueryInput = z.infer<typeof LokiQueryInput>;

/** Input of the `http_get` tool. */
export const HttpGetInput = z.object({
  url: z.string().url().max(4096).describe('An allowlisted internal URL (health or status endpoint)'),
});
export type HttpGetInput = z.infer<typeof HttpGetInput>;

/** Display form of a Prometheus call (`promql up [range 1h]`), shared by the live and recorded tool. */
export function describePrometheusQuery(input: PrometheusQueryInput): string {
  const range =
    input.start || input.lookback
      ? ` [range ${input.lookback ?? `${input.start}..${input.end ?? 'now'}`}]`
      : '';
  return `promql ${input.query}${range}`;
}

/** Display form of a Loki call (`logql {app="web"} [1h]`). */
export function describeLokiQuery(input: LokiQueryInput): string {
  return `logql ${input.query} [${input.lookback ?? (input.start ? `${input.start}..${input.end ?? 'now'}` : '1h')}]`;
}

/** Tool descriptions as the model reads them. */
export const TOOL_DESCRIPTIONS: Record<StandardToolName, string> = {
  kubectl:
    'Run a read-only kubectl command (get, describe, logs, top, events, explain, rollout history|status, auth can-i). ' +
    'Pass the arguments as an array without "kubectl". No shell: pipes, redirections and $(...) are refused. ' +
    'Secret values, exec, port-forward and credential flags are refused.',
  gcloud:
    'Run a read-only gcloud command (… list, … describe, logging read). Arguments as an array without "gcloud". ' +
    'Credentials, tokens and secret values are refused.',
  aws:
    'Run a read-only AWS CLI command (describe-*, list-*, get-*, logs filter-log-events). Arguments as an array ' +
    'without "aws". Secret values, tokens, --profile and --endpoint-url are refused.',
  az:
    'Run a read-only Azure CLI command (… show, … list, monitor log-analytics query). Arguments as an array ' +
    'without "az"; command words before flags. Keys, secrets and tokens are refused.',
  prometheus:
    'Evaluate a PromQL expression. Instant query by default; give `lookback` (e.g. "1h") or `start` for a range query.',
  loki: 'Run a LogQL query over a time range (default the last hour) and return matching log lines, newest first.',
  http_get:
    'HTTP GET an allowlisted internal URL (health checks, status pages) and return the status and body.',
};
