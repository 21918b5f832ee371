import { errorFromResponse, toAuroraError } from './errors.js';

/** Something that yields a value now or later. */
export type MaybePromise<T> = T | Promise<T>;

/** Options of {@link createAuroraClient} that shape every request. */
export interface TransportOptions {
  /**
   * Origin (and optional path prefix) of the Aurora API, e.g. `https://ops.example.com`.
   * An empty string means "same origin" (relative URLs, browser only).
   */
  baseUrl: string;
  /** Extra headers for every request, or a function returning them (read per request). */
  headers?: HeadersInit | (() => MaybePromise<HeadersInit>);
  /**
   * Returns the bearer token, read before every request and every stream (re)connect, so
   * a refreshed token is picked up. `null`/`undefined` sends no `Authorization` header.
   */
  getToken?: () => MaybePromise<string | null | undefined>;
  /** The `fetch` to use (tests, proxies, instrumentation). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Query-string values; `undefined` and `null` are left out, arrays are comma-joined. */
export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** A request as the client's methods describe it. */
export interface RequestSpec {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The HTTP layer shared by the client's methods and its event streams. */
export interface Transport {
  /** Sends a request and returns the raw response (any status). Network errors become `AuroraError`s. */
  send(spec: RequestSpec): Promise<Response>;
  /** Sends a request and parses the JSON body; a non-2xx response throws an `AuroraError` with the server's code. */
  json<T>(spec: RequestSpec): Promise<T>;
}

/** Builds the URL of `path` under `baseUrl`, with the query string. */
export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

/** Creates the transport; the token and headers are resolved on every call. */
export function createTransport(options: TransportOptions): Transport {
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);

  async function headersFor(spec: RequestSpec): Promise<Headers> {
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(extra);
    headers.set('Accept', 'application/json');
    for (const [key, value] of Object.entries(spec.headers ?? {})) headers.set(key, value);
    if (spec.body !== undefined) headers.set('Content-Type', 'application/json');
    const token = options.getToken ? await options.getToken() : null;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return headers;
  }

  async function send(spec: RequestSpec): Promise<Response> {
    const url = buildUrl(options.baseUrl, spec.path, spec.query);
    try {
      return await doFetch(url, {
        method: spec.method ?? 'GET',
        headers: await headersFor(spec),
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        ...(spec.signal ? { signal: spec.signal } : {}),
      });
    } catch (error) {
      throw toAuroraError(error);
    }
  }

  return {
    send,
    async json<T>(spec: RequestSpec): Promise<T> {
      const response = await send(spec);
      if (!response.ok) throw await errorFromResponse(response);
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw toAuroraError(error);
      }
      if (text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw toAuroraError(error);
      }
    },
  };
}
