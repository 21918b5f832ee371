/**
 * One Aurora process on PostgreSQL, for the scale-out test: `ROLE=api` serves the HTTP API
 * (webhooks, SSE) without workers; `ROLE=worker` runs investigations and serves nothing.
 *
 * Run: `node --conditions=@aurora-rca/source --import tsx aurora-process.ts`
 * Env: `DATABASE_URL`, `ROLE`. Prints `listening <port>` (api) or `working` (worker).
 */
import { createServer } from 'node:http';
import {
  type AlertInput,
  type AlertSource,
  AuroraError,
  createAurora,
  createAuroraHandler,
  type Integration,
} from '@aurora-rca/core';
import { pgEventBus } from '../bus/pg-event-bus.js';
import { postgresCheckpointer } from '../checkpointer.js';
import { pgBossQueue } from '../queue/pg-boss-queue.js';
import { postgresStorage } from '../storage/postgres-storage.js';

export const USER_TOKEN = 'user-token';
export const INTEGRATION: Integration = {
  id: 'int-1',
  tenantId: 'acme',
  source: 'test-json',
  auth: { type: 'bearer', token: 'webhook-secret' },
};

/** A minimal source: `{ alerts: AlertInput[] }` behind a bearer token. */
const jsonSource: AlertSource = {
  specificationVersion: 'v1',
  id: 'test-json',
  displayName: 'Test JSON',
  authTypes: ['bearer'],
  async verify(request, integration) {
    const token = integration.auth.type === 'bearer' ? integration.auth.token : '';
    if (request.headers.authorization !== `Bearer ${token}`)
      throw new AuroraError('UNAUTHENTICATED', 'bad token');
  },
  parse: (body) => (body as { alerts: AlertInput[] }).alerts,
};

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const role = process.env.ROLE === 'worker' ? 'worker' : 'api';
const storage = postgresStorage({ connectionString, max: 5 });
const bus = pgEventBus({ connectionString, storage });
const aurora = createAurora({
  storage,
  queue: pgBossQueue({ connectionString, pollingIntervalSeconds: 0.5 }),
  bus,
  checkpointer: await postgresCheckpointer({ connectionString }),
  sources: [jsonSource],
  workers: role === 'worker' ? { investigations: 1, chat: 1 } : false,
});
await aurora.start();

if (role === 'worker') {
  process.stdout.write('working\n');
} else {
  await bus.ready(); // SSE clients must not miss events published right after they connect
  const handler = createAuroraHandler(aurora, {
    authenticate: (request) =>
      request.headers.get('authorization') === `Bearer ${USER_TOKEN}`
        ? { tenantId: 'acme', userId: 'u1' }
        : null,
    integrations: [INTEGRATION],
    heartbeatMs: 1000,
  });
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(key, value);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await handler(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
        signal: controller.signal,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const reader = response.body?.getReader();
    try {
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        res.write(next.value);
      }
    } catch {
      // the client went away
    }
    res.end();
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}
