import type { ToolResult } from '@aurora-rca/core';
import { z } from 'zod';
import { AuroraError } from '@aurora-rca/core';

/** The `fetch` signature the HTTP tools take. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * GETs JSON from an observability API. A non-2xx answer with a JSON error envelope (as
 * Prometheus and Loki send) is returned, not thrown, so the tool can show the API's reason.
 * @throws AuroraError `UPSTREAM` when the server cannot be reached or the body is not JSON.
 */
export async function getJson(
  fetchImpl: FetchLike,
  url: URL,
  init: { headers?: Record<string, string>; signal: AbortSignal; maxBytes?: number },
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'GET',
      headers: { accept: 'application/json', ...init.headers },
      signal: init.signal,
    });
  } catch (cause) {
    if (init.signal.aborted) throw cause;
    throw new AuroraError('UPSTREAM', `${url.origin} unreachable: ${(cause as Error).message}`, { cause });
  }
  const { text, truncated } = await readCapped(response, init.maxBytes ?? DEFAULT_MAX_JSON_BYTES);
  if (truncated) {
    throw new AuroraError(
      'UPSTREAM',
      `${url.origin} answered with more than ${init.maxBytes ?? DEFAULT_MAX_JSON_BYTES} bytes; narrow the query`,
    );
  }
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch (cause) {
    throw new AuroraError(
      'UPSTREAM',
      `${url.origin} answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`,
      {
        cause,
      },
    );
  }
}

/** Largest JSON answer read from an observability API. */
export const DEFAULT_MAX_JSON_BYTES = 8 * 1024 * 1024;

/**
 * Reads at most `maxBytes` of a body and cancels the rest, so a huge answer cannot exhaust
 * memory before truncation.
 */
export async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      // Not awaited: some stream sources settle cancel() only when fully drained.
      void reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return { text: new TextDecoder().decode(all), truncated };
}

/** `name{a="1", b="2"}` from a label set (`__name__` becomes the prefix). */
export function formatSeries(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`);
  return `${name}{${pairs.join(', ')}}`;
}

/** Joins a base URL and an API path, keeping any path prefix of the base (`/prometheus`). */
export function apiUrl(baseUrl: string, path: string, params: Record<string, string | undefined>): URL {
  const url = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

/** The `{ status, data, errorType, error, warnings }` envelope of the Prometheus HTTP API, which Loki shares. */
const ApiEnvelope = z.object({
  status: z.string(),
  data: z.object({ resultType: z.string(), result: z.unknown() }).optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type ApiEnvelope = z.infer<typeof ApiEnvelope>;

/**
 * The `data` of a successful Prometheus-style answer, or the error result to return: an
 * unexpected body or `status: "error"` becomes `status: 'error'` with the API's own reason.
 */
export function unwrapEnvelope(
  api: string,
  httpStatus: number,
  body: unknown,
  command: string,
):
  | { ok: true; data: NonNullable<ApiEnvelope['data']>; warnings: string[] }
  | { ok: false; result: ToolResult } {
  const envelope = ApiEnvelope.safeParse(body);
  if (!envelope.success) {
    return {
      ok: false,
      result: {
        status: 'error',
        output: '',
        command,
        reason: `${api} answered ${httpStatus} with an unexpected body`,
      },
    };
  }
  const e = envelope.data;
  if (e.status !== 'success' || !e.data) {
    const reason = `${api} ${httpStatus} ${e.errorType ?? 'error'}: ${e.error ?? ''}`.trim();
    return { ok: false, result: { status: 'error', output: '', command, reason } };
  }
  return { ok: true, data: e.data, warnings: e.warnings ?? [] };
}
