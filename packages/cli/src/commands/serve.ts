import { readFileSync } from 'node:fs';
import { builtInSources } from '@aurora-rca/adapters/sources';
import { awsTool, azTool, gcloudTool, kubectlTool } from '@aurora-rca/adapters/tools';
import { chatModelFromEnv } from '@aurora-rca/adapters/llm';
import { githubCodeHost } from '@aurora-rca/adapters/github';
import {
  type Actor,
  type Aurora,
  createAurora,
  createAuroraHandler,
  type Integration,
  type Storage,
} from '@aurora-rca/core';
import { localCommandRunner } from '@aurora-rca/core/node';
import { memoryStorage } from '@aurora-rca/storage-memory';
import { pgBossQueue, pgEventBus, postgresCheckpointer, postgresStorage } from '@aurora-rca/storage-postgres';
import { z } from 'zod';
import type { CliIo, RegisterCommand } from '../io.js';
import { serveHandler } from '../node-server.js';

/** `aurora serve --config <file>`: the config file's shape (strict). Strings may use `${ENV}` / `${ENV:-default}`. */
export const ServeConfig = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  storage: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('memory') }),
      z.strictObject({
        type: z.literal('postgres'),
        connectionString: z.string().min(1),
        migrate: z.boolean().default(true),
      }),
    ])
    .default({ type: 'memory' }),
  /** Bearer tokens per tenant: the default `authenticate`. */
  tenants: z
    .array(z.strictObject({ id: z.string().min(1), tokens: z.array(z.string().min(1)).min(1) }))
    .min(1),
  integrations: z.array(
    z.custom<Integration>(
      (v) => typeof v === 'object' && v !== null && 'id' in v && 'source' in v && 'auth' in v,
    ),
  ),
  /** Run tools (kubectl, gcloud, aws, az) on this machine through the command policy. @default false */
  tools: z.boolean().default(false),
  workers: z.boolean().default(true),
});
export type ServeConfig = z.infer<typeof ServeConfig>;

function interpolate(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, n: string, d?: string) =>
      env[n] ? String(env[n]) : (d ?? ''),
    );
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  return value;
}

/** Builds the engine a config describes. */
export async function engineFromConfig(
  config: ServeConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Aurora> {
  let storage: Storage = memoryStorage();
  let extra = {};
  if (config.storage.type === 'postgres') {
    const { connectionString, migrate } = config.storage;
    const pg = postgresStorage({ connectionString, migrate });
    await pg.ready(); // migrations applied (or their error) before serving
    storage = pg;
    extra = {
      queue: pgBossQueue({ connectionString }),
      bus: pgEventBus({ connectionString, storage: pg }),
      checkpointer: await postgresCheckpointer({ connectionString }),
    };
  }
  const runner = localCommandRunner({});
  return createAurora({
    storage,
    ...extra,
    sources: builtInSources(),
    tools: config.tools
      ? [kubectlTool({ runner }), gcloudTool({ runner }), awsTool({ runner }), azTool({ runner })]
      : [],
    model: chatModelFromEnv(env),
    ...(env.GITHUB_TOKEN ? { codeHost: githubCodeHost({ auth: env.GITHUB_TOKEN }) } : {}),
    workers: config.workers ? {} : false,
  });
}

/** Starts the server a config describes; resolves once it listens. */
export async function startServe(configText: string, io: CliIo, env: NodeJS.ProcessEnv = process.env) {
  const parsed = ServeConfig.safeParse(interpolate(JSON.parse(configText), env));
  if (!parsed.success)
    throw new Error(`invalid config: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const config = parsed.data;
  const tokens = new Map(config.tenants.flatMap((t) => t.tokens.map((tok) => [tok, t.id] as const)));
  const aurora = await engineFromConfig(config, env);
  const handler = createAuroraHandler(aurora, {
    integrations: config.integrations,
    authenticate: (req): Actor | null => {
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
      const tenantId = token ? tokens.get(token) : undefined;
      return tenantId ? { tenantId, userId: `token:${token!.slice(0, 4)}…` } : null;
    },
    onError: (e) => io.stderr(`aurora: ${(e as Error)?.stack ?? String(e)}\n`),
  });
  const { server, url } = await serveHandler(handler, { host: config.host, port: config.port });
  await aurora.start();
  io.stdout(`AURORA_URL=${url}\n`);
  return {
    url,
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await aurora.close();
    },
  };
}

/** `aurora serve --config <file>` runs the API and workers from a config file until SIGINT/SIGTERM. */
export const registerServe: RegisterCommand = (program, io, setExit) => {
  program
    .command('serve')
    .description('run the Aurora HTTP API (webhooks, incidents, SSE) and workers from a config file')
    .requiredOption(
      '-c, --config <file>',
      'JSON config: host, port, storage, tenants (bearer tokens), integrations, tools',
    )
    .action(async (opts: { config: string }) => {
      let text: string;
      try {
        text = readFileSync(opts.config, 'utf8');
      } catch (e) {
        io.stderr(`aurora serve: cannot read ${opts.config}: ${(e as Error).message}\n`);
        return setExit(2);
      }
      let running: Awaited<ReturnType<typeof startServe>>;
      try {
        running = await startServe(text, io);
      } catch (e) {
        io.stderr(`aurora serve: ${(e as Error).message}\n`);
        return setExit(2);
      }
      await new Promise<void>((resolve) => {
        const stop = () => void running.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
};
