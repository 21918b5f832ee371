import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { auroraExpress } from '@aurora-rca/adapters/express';
import { type Actor, type Aurora, type AuroraHandler, createAuroraHandler } from '@aurora-rca/core';
import express from 'express';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { createMetrics } from './metrics.js';

export interface StartServerOptions {
  aurora: Aurora;
  config: ServerConfig;
  logger: Logger;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 3000 */
  port?: number;
  /**
   * Local demo mode: the portal pages get the first token injected, so they work without
   * a separate login. Never enable it on a shared network.
   */
  demoToken?: string | null;
  portalDir?: string;
  /** Extra routes mounted before the portal (e.g. the demo's fake GitHub). */
  configure?: (app: import('express').Express) => void;
}

export interface RunningServer {
  url: string;
  server: Server;
  handler: AuroraHandler;
  /** Stops accepting connections, finishes in-flight work, closes the engine. */
  close(): Promise<void>;
}

/**
 * Builds the `authenticate` hook from a bearer-token map. This is the one place a host
 * plugs in its own auth (session cookies, OIDC, mTLS…): return `{ tenantId, userId }` or null.
 */
export function bearerTokenAuth(tenants: ServerConfig['tenants']): (request: Request) => Actor | null {
  const byToken = new Map<string, string>();
  for (const t of tenants) for (const token of t.tokens) byToken.set(token, t.id);
  return (request) => {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const queryToken = new URL(request.url).searchParams.get('access_token');
    const token = match?.[1]?.trim() ?? queryToken;
    if (!token) return null;
    const tenantId = byToken.get(token);
    return tenantId ? { tenantId, userId: `token:${token.slice(0, 4)}…` } : null;
  };
}

const defaultPortalDir = fileURLToPath(new URL('../portal/dist', import.meta.url));

/** Starts the reference server: webhooks + API + SSE under /api, the portal, /metrics and /healthz. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { aurora, config, logger } = options;
  const metrics = createMetrics(aurora, () => config.tenants.map((t) => t.id));
  const handler = createAuroraHandler(aurora, {
    authenticate: bearerTokenAuth(config.tenants),
    integrations: config.integrations,
    onError: (error, request) => logger.error({ err: error, url: request.url }, 'unexpected error'),
  });

  const app = express();
  app.disable('x-powered-by');
  let shuttingDown = false;

  // Webhook metrics and access logs wrap the Aurora handler.
  app.use((req, res, next) => {
    if (shuttingDown) {
      res.setHeader('connection', 'close');
    }
    const started = process.hrtime.bigint();
    const webhook = /^\/api\/webhooks\/([^/]+)\//.exec(req.path);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (webhook) {
        const source = webhook[1] ?? 'unknown';
        metrics.webhookRequests.inc({ source, status: String(res.statusCode) });
        metrics.webhookLatency.observe({ source }, seconds);
        const accepted = Number(res.getHeader('x-aurora-accepted') ?? 0);
        if (accepted) metrics.alertsReceived.inc({ source }, accepted);
      }
      if (!req.path.endsWith('/stream')) {
        logger.info(
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) },
          'request',
        );
      }
    });
    next();
  });

  const countingHandler: AuroraHandler = async (request) => {
    const response = await handler(request);
    if (response.status === 202 && new URL(request.url).pathname.startsWith('/api/webhooks/')) {
      const body = await response
        .clone()
        .json()
        .catch(() => null);
      const headers = new Headers(response.headers);
      headers.set('x-aurora-accepted', String(body?.accepted ?? 0));
      return new Response(response.body, { status: response.status, headers });
    }
    return response;
  };
  app.use(auroraExpress(countingHandler));

  options.configure?.(app);

  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  });
  app.get('/healthz', (_req, res) => {
    res.status(shuttingDown ? 503 : 200).json({ ok: !shuttingDown });
  });

  const portalDir = options.portalDir ?? defaultPortalDir;
  const indexPath = `${portalDir}/index.html`;
  const portalIndex = () => {
    if (!existsSync(indexPath)) return null;
    let html = readFileSync(indexPath, 'utf8');
    if (options.demoToken) {
      html = html.replace('</head>', `<meta name="aurora-token" content="${options.demoToken}"></head>`);
    }
    return html;
  };
  app.use('/assets', express.static(`${portalDir}/assets`, { immutable: true, maxAge: '1y' }));
  app.get(['/', '/incidents', '/incidents/{*rest}'], (req, res) => {
    if (req.path === '/') return res.redirect('/incidents');
    const html = portalIndex();
    if (!html) {
      res
        .status(503)
        .type('text/plain')
        .send(
          'The portal is not built. Run: pnpm --filter @aurora-rca/example-express-server run build:portal',
        );
      return;
    }
    res.type('html').send(html);
  });

  const server = app.listen(options.port ?? 3000, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  await aurora.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    handler,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        logger.info('shutting down: finishing in-flight work');
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections?.();
        // SSE streams never end on their own.
        setTimeout(() => server.closeAllConnections?.(), 2000).unref();
        await aurora.close({ timeoutMs: 15_000 });
        await closed;
        logger.info('stopped');
      })();
      return closing;
    },
  };
}
