import { HttpGetInput, TOOL_DESCRIPTIONS, type Tool, type ToolResult } from '@aurora-rca/core';
import { type FetchLike, readCapped } from './http.js';

export interface HttpGetToolOptions {
  /**
   * URLs that may be fetched: a string is a prefix (same scheme, host and port; path starts
   * with its path), a RegExp is tested against the whole URL. Nothing else is fetched.
   */
  allowlist: ReadonlyArray<string | RegExp>;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** Sent with every request. Never shown to the model. */
  headers?: Record<string, string>;
  /** Body characters kept. @default 20_000 */
  maxBodyChars?: number;
}

/**
 * HTTP GET of allowlisted internal URLs (health checks, status pages). Redirects are not
 * followed — the answer shows the status and `Location` — so an allowlisted URL cannot
 * bounce the call elsewhere. URLs with credentials in them are refused.
 *
 * @example
 * ```ts
 * const httpGet = httpGetTool({ allowlist: ['http://web.shop.svc.cluster.local/healthz'] });
 * ```
 */
export function httpGetTool(options: HttpGetToolOptions): Tool<HttpGetInput> {
  const maxChars = options.maxBodyChars ?? 20_000;
  const prefixes = options.allowlist.filter((a): a is string => typeof a === 'string').map((p) => new URL(p));
  const patterns = options.allowlist.filter((a): a is RegExp => a instanceof RegExp);
  const problem = (raw: string): string | undefined => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'not a valid URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs are refused`;
    if (url.username || url.password) return 'URLs with credentials are refused';
    const allowed =
      prefixes.some((p) => p.origin === url.origin && url.pathname.startsWith(p.pathname)) ||
      patterns.some((re) => re.test(url.toString()));
    return allowed ? undefined : `${url.origin}${url.pathname} is not on the http_get allowlist`;
  };
  return {
    specificationVersion: 'v1',
    name: 'http_get',
    description: TOOL_DESCRIPTIONS.http_get,
    input: HttpGetInput,
    access: 'read',
    describe: (input) => `GET ${input.url}`,
    classify(input) {
      const why = problem(input.url);
      return why
        ? { decision: 'deny', reason: why }
        : { decision: 'allow', reason: 'allowlisted read-only GET' };
    },
    async run(input, context): Promise<ToolResult> {
      const command = `GET ${input.url}`;
      const why = problem(input.url);
      if (why)
        return {
          status: 'error',
          output: '',
          command,
          reason: why,
          decision: { decision: 'deny', reason: why },
        };
      const fetchImpl = options.fetch ?? ((...args: Parameters<FetchLike>) => globalThis.fetch(...args));
      let response: Response;
      try {
        response = await fetchImpl(input.url, {
          method: 'GET',
          redirect: 'manual',
          signal: context.signal,
          ...(options.headers ? { headers: options.headers } : {}),
        });
      } catch (error) {
        if (context.signal.aborted) throw error;
        return {
          status: 'error',
          output: '',
          command,
          reason: `request failed: ${(error as Error).message}`,
        };
      }
      // Read a little more than we keep, and never the whole of a huge body.
      const { text: body, truncated } = await readCapped(response, maxChars * 4);
      const cut = truncated || body.length > maxChars;
      const kept = cut ? `${body.slice(0, maxChars)}\n… [truncated]` : body;
      const head = [`HTTP ${response.status} ${response.statusText}`.trim()];
      const type = response.headers.get('content-type');
      if (type) head.push(`content-type: ${type}`);
      const location = response.headers.get('location');
      if (location) head.push(`location: ${location} (not followed)`);
      const output = `${head.join('\n')}\n\n${kept}`.trimEnd();
      if (response.status >= 200 && response.status < 300)
        return { status: 'ok', output, command, truncated: cut };
      return {
        status: 'error',
        output,
        command,
        reason: `HTTP ${response.status}`,
        truncated: cut,
      };
    },
  };
}
