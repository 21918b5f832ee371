import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Express, Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';

/** A Web-standard handler, e.g. from `createAuroraHandler`. */
export type WebHandler = (request: Request) => Promise<Response>;

/** Builds a Web `Request` from an Express request; the raw body streams through untouched (signatures need it). */
export function toWebRequest(req: ExpressRequest, signal: AbortSignal): Request {
  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, String(value));
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  if (hasBody && req.readableEnded) {
    throw new Error('The request body was already consumed; mount Aurora before express.json()/body parsers');
  }
  return new Request(new URL(req.originalUrl, origin), {
    method: req.method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
    // Required by Node's fetch for a streamed request body.
    duplex: 'half',
  } as RequestInit);
}

/** Writes a Web `Response` to Express, streaming (SSE) bodies chunk by chunk. */
export async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value);
  });
  // Several cookies must stay several headers (forEach would keep only the last one).
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const body = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
  res.on('close', () => body.destroy());
  // `flush` exists when compression middleware wraps the response; without it SSE events
  // would sit in the compressor's buffer.
  const flush = (res as ExpressResponse & { flush?: () => void }).flush;
  for await (const chunk of body) {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    flush?.call(res);
  }
  res.end();
}

/**
 * Express middleware serving a Web-standard handler. Requests the handler answers with a
 * 404 `NOT_FOUND` for an unknown route fall through to `next()` when `fallthrough` is set.
 *
 * @example
 * ```ts
 * const app = express();
 * app.use(auroraExpress(createAuroraHandler(aurora, { authenticate, integrations })));
 * app.use(express.json()); // your own routes after Aurora, so webhook bodies stay raw
 * ```
 */
export function auroraExpress(handler: WebHandler, options: { fallthrough?: boolean } = {}) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (options.fallthrough !== false && !req.path.startsWith('/api/')) return next();
    const controller = new AbortController();
    res.on('close', () => controller.abort(new Error('client disconnected')));
    try {
      const response = await handler(toWebRequest(req, controller.signal));
      await sendWebResponse(res, response);
    } catch (error) {
      if (controller.signal.aborted) return;
      next(error);
    }
  };
}

/** Options of {@link mountAurora}. */
export interface MountAuroraOptions {
  /**
   * Where the Aurora routes live, e.g. `/aurora` for `/aurora/api/incidents`. Give the same
   * value as `basePath` to `createAuroraHandler`. @default '' (routes at `/api/…`)
   */
  basePath?: string;
}

/**
 * Mounts Aurora on an app: requests under `{basePath}/api/` go to the handler, everything
 * else falls through to the host's routes. Returns the app.
 *
 * @example
 * ```ts
 * mountAurora(app, createAuroraHandler(aurora, { authenticate, basePath: '/aurora' }), { basePath: '/aurora' });
 * ```
 */
export function mountAurora(app: Express, handler: WebHandler, options: MountAuroraOptions = {}): Express {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath && !basePath.startsWith('/'))
    throw new TypeError(`basePath must start with /, got "${basePath}"`);
  if (basePath) app.use(basePath, auroraExpress(handler));
  else app.use(auroraExpress(handler));
  return app;
}
