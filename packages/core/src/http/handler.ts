import { z } from 'zod';
import type { Actor, Aurora } from '../engine/types.js';
import { AuroraError } from '../errors.js';
import { IncidentStatus } from '../model/index.js';
import type { Integration } from '../spec/alert-source.js';
import { readBody } from './read-body.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { sseStream } from './sse.js';
import {
  ApprovalBody,
  ChatBody,
  CreateIncidentBody,
  MergeBody,
  PatchIncidentBody,
  PatchSuggestionBody,
} from './wire.js';

/** Options of {@link createAuroraHandler}. */
export interface AuroraHandlerOptions {
  /**
   * The host's authentication: return the caller's tenant and user, or `null` for 401.
   * Webhooks do not use it; they authenticate with their integration's secret.
   */
  authenticate: (request: Request) => Actor | null | Promise<Actor | null>;
  /** Webhook integrations, as a list or a lookup by id. */
  integrations:
    | Integration[]
    | ((id: string) => Integration | null | undefined | Promise<Integration | null | undefined>);
  /** Path prefix the routes live under. @default '' (routes start with `/api`) */
  basePath?: string;
  /** Largest webhook or JSON body accepted. @default 1 MiB */
  maxBodyBytes?: number;
  /** Per-integration webhook rate limit; `false` disables it. @default { perMinute: 1200, burst: 200 } */
  rateLimit?: RateLimitOptions | false;
  /** SSE heartbeat interval. @default 15_000 */
  heartbeatMs?: number;
  /** Called with unexpected (500) errors; defaults to `console.error`. */
  onError?: (error: unknown, request: Request) => void;
}

/** A Web-standard request handler, as served by Node, Deno, Bun, workers or `@aurora-rca/adapters/express`. */
export type AuroraHandler = (request: Request) => Promise<Response>;

const MiB = 1024 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** Maps any error to the JSON error body and status the API promises. */
export function errorResponse(error: unknown, onUnexpected?: (e: unknown) => void): Response {
  if (AuroraError.isInstance(error)) {
    const headers: Record<string, string> = {};
    const retryAfter = error.details?.retryAfterSeconds;
    if (error.code === 'RATE_LIMITED' && typeof retryAfter === 'number')
      headers['retry-after'] = String(retryAfter);
    return json(error.toJSON(), error.status, headers);
  }
  if (error instanceof z.ZodError) {
    const message = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return json({ error: { code: 'INVALID_INPUT', message, details: { issues: error.issues } } }, 400);
  }
  onUnexpected?.(error);
  return json({ error: { code: 'INTERNAL', message: 'Internal error' } }, 500);
}

async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readBody(request, maxBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AuroraError('INVALID_INPUT', `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

function headersOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

const StatusQuery = z.array(IncidentStatus);

/**
 * Serves every route of the Aurora HTTP API as a Web-standard `(Request) => Response`.
 *
 * @example
 * ```ts
 * const handler = createAuroraHandler(aurora, {
 *   authenticate: (req) => (req.headers.get('authorization') === `Bearer ${token}` ? { tenantId: 't1', userId: 'me' } : null),
 *   integrations: [{ id: 'grafana-prod', tenantId: 't1', source: 'grafana', auth: { type: 'bearer', token: secret } }],
 * });
 * ```
 */
export function createAuroraHandler(aurora: Aurora, options: AuroraHandlerOptions): AuroraHandler {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const maxBody = options.maxBodyBytes ?? MiB;
  const limiter =
    options.rateLimit === false
      ? null
      : createRateLimiter(options.rateLimit ?? { perMinute: 1200, burst: 200 }, aurora.clock);
  const onError = options.onError ?? ((e: unknown) => console.error('[aurora] unexpected error', e));
  const lookup =
    typeof options.integrations === 'function'
      ? options.integrations
      : (() => {
          const map = new Map(options.integrations.map((i) => [i.id, i]));
          return (id: string) => map.get(id) ?? null;
        })();

  async function actorOf(request: Request): Promise<Actor> {
    const actor = await options.authenticate(request);
    if (!actor) throw new AuroraError('UNAUTHENTICATED', 'Missing or invalid credentials');
    return actor;
  }

  async function webhook(request: Request, sourceId: string, integrationId: string): Promise<Response> {
    const integration = await lookup(integrationId);
    if (!integration || integration.source !== sourceId) {
      throw new AuroraError('NOT_FOUND', `No ${sourceId} integration ${integrationId}`);
    }
    if (limiter) limiter.take(`webhook:${integration.id}`);
    const rawBody = await readBody(request, maxBody);
    const result = await aurora.ingestWebhook({
      integration,
      request: { headers: headersOf(request), rawBody, now: aurora.clock.now() },
    });
    return json(result, 202);
  }

  function stream(request: Request, actor: Actor, incidentId: string | null): Response {
    const url = new URL(request.url);
    const lastEventId = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
    const listTypes = new Set(['incident.created', 'incident.updated', 'incident.merged']);
    const body = sseStream({
      signal: request.signal,
      heartbeatMs: options.heartbeatMs,
      replay: async () => {
        if (!lastEventId) return [];
        const events = await aurora.eventsAfter(
          actor.tenantId,
          lastEventId,
          incidentId ? { incidentId, limit: 5000 } : { limit: 5000 },
        );
        return incidentId ? events : events.filter((e) => listTypes.has(e.type));
      },
      subscribe: (listener) =>
        aurora.subscribe(
          actor.tenantId,
          incidentId
            ? { incidentId }
            : { types: ['incident.created', 'incident.updated', 'incident.merged'] },
          listener,
        ),
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    let path = url.pathname;
    if (basePath) {
      if (!path.startsWith(basePath)) throw new AuroraError('NOT_FOUND', `No route ${path}`);
      path = path.slice(basePath.length) || '/';
    }
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method.toUpperCase();
    if (parts[0] !== 'api') throw new AuroraError('NOT_FOUND', `No route ${path}`);
    const [, area, a, b, c, d] = parts;
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) {
        throw Object.assign(new AuroraError('INVALID_INPUT', `Method ${method} not allowed on ${path}`), {
          allowed: methods,
        });
      }
    };

    if (area === 'webhooks' && a && b && parts.length === 4) {
      allow('POST');
      return webhook(request, a, b);
    }

    if (area === 'incidents') {
      if (parts.length === 2) {
        allow('GET', 'POST');
        const actor = await actorOf(request);
        if (method === 'GET') {
          const statuses = url.searchParams
            .getAll('status')
            .flatMap((s) => s.split(','))
            .filter(Boolean);
          const limitRaw = url.searchParams.get('limit');
          const limit = limitRaw === null ? undefined : Number(limitRaw);
          if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) {
            throw new AuroraError('INVALID_INPUT', 'limit must be an integer between 1 and 500');
          }
          return json(
            await aurora.incidents.list(actor, {
              status: statuses.length ? StatusQuery.parse(statuses) : undefined,
              limit,
              cursor: url.searchParams.get('cursor'),
              includeMerged: url.searchParams.get('includeMerged') === 'true',
            }),
          );
        }
        const body = CreateIncidentBody.parse(await readJson(request, maxBody));
        return json({ incident: await aurora.incidents.create(actor, body) }, 201);
      }
      if (a === 'stream' && parts.length === 3) {
        allow('GET');
        return stream(request, await actorOf(request), null);
      }
      if (a && parts.length === 3) {
        allow('GET', 'PATCH');
        const actor = await actorOf(request);
        if (method === 'GET') return json(await aurora.incidents.detail(actor, a));
        const patch = PatchIncidentBody.parse(await readJson(request, maxBody));
        return json({ incident: await aurora.incidents.update(actor, a, patch) });
      }
      if (a && b === 'merge' && parts.length === 4) {
        allow('POST');
        const actor = await actorOf(request);
        const body = MergeBody.parse(await readJson(request, maxBody));
        return json(await aurora.incidents.merge(actor, a, body.targetId));
      }
      if (a && b === 'chat' && parts.length === 4) {
        allow('POST');
        const actor = await actorOf(request);
        const body = ChatBody.parse(await readJson(request, maxBody));
        const sessionId = url.searchParams.get('session_id') ?? url.searchParams.get('sessionId');
        return json(
          await aurora.chat.ask(actor, a, { question: body.question, mode: body.mode, sessionId }),
          202,
        );
      }
      if (a && b === 'stream' && parts.length === 4) {
        allow('GET');
        const actor = await actorOf(request);
        await aurora.incidents.get(actor, a); // 404 for another tenant's incident
        return stream(request, actor, a);
      }
    }

    if (area === 'chat' && a === 'sessions' && b) {
      if (parts.length === 4) {
        allow('GET');
        return json(await aurora.chat.session(await actorOf(request), b));
      }
      if (c === 'approvals' && d && parts.length === 6) {
        allow('POST');
        const actor = await actorOf(request);
        const body = ApprovalBody.parse(await readJson(request, maxBody));
        return json({ message: await aurora.chat.decide(actor, b, d, body) });
      }
    }

    if (area === 'suggestions' && a) {
      if (parts.length === 3) {
        allow('PATCH');
        const actor = await actorOf(request);
        const body = PatchSuggestionBody.parse(await readJson(request, maxBody));
        return json({ suggestion: await aurora.suggestions.edit(actor, a, body.userEditedContent) });
      }
      if (b === 'apply' && parts.length === 4) {
        allow('POST');
        return json(await aurora.suggestions.apply(await actorOf(request), a));
      }
      if (b === 'execute' && parts.length === 4) {
        allow('POST');
        return json(await aurora.suggestions.execute(await actorOf(request), a));
      }
    }

    if (area === 'health' && parts.length === 2) {
      allow('GET');
      return json({ ok: true });
    }

    throw new AuroraError('NOT_FOUND', `No route ${method} ${path}`);
  }

  return async (request) => {
    try {
      return await route(request);
    } catch (error) {
      const allowed = (error as { allowed?: string[] }).allowed;
      if (allowed) {
        return json({ error: { code: 'INVALID_INPUT', message: (error as Error).message } }, 405, {
          allow: allowed.join(', '),
        });
      }
      return errorResponse(error, (e) => onError(e, request));
    }
  };
}
