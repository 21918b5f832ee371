import { join } from 'node:path';
import { githubCodeHost } from '@aurora-rca/adapters/github';
import { chatModelFromEnv, embeddingsFromEnv } from '@aurora-rca/adapters/llm';
import { builtInSources } from '@aurora-rca/adapters/sources';
import { awsTool, azTool, gcloudTool, kubectlTool } from '@aurora-rca/adapters/tools';
import {
  type Aurora,
  type CodeHost,
  createAurora,
  type EventBus,
  type JobQueue,
  type Storage,
  type Tool,
} from '@aurora-rca/core';
import { localCommandRunner } from '@aurora-rca/core/node';
import { type Recording, recordedTools } from '@aurora-rca/core/testing';
import { memoryStorage } from '@aurora-rca/storage-memory';
import { pgBossQueue, pgEventBus, postgresCheckpointer, postgresStorage } from '@aurora-rca/storage-postgres';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { startDemoDatabase } from './embedded-db.js';
import { fakeGitHub } from './fake-github.js';

export interface EngineOptions {
  dataDir: string;
  logger: Logger;
  /** Scenario recordings serve the tools in demo mode (no live cluster needed). */
  scenarios: Array<{ name: string; recordings: unknown[] }>;
  publicUrl: () => string;
  env: Record<string, string | undefined>;
}

export interface Engine {
  aurora: Aurora;
  /** Extra routes (the demo's fake GitHub). */
  configure?: (app: Express) => void;
  description: string;
  stop(): Promise<void>;
}

/**
 * Wires the engine from the environment:
 * - storage: `DATABASE_URL` (any PostgreSQL ≥ 14), else an embedded PostgreSQL whose data
 *   stays in `dataDir` across restarts, or memory with `AURORA_STORAGE=memory`;
 * - model: `OPENAI_API_KEY` / `ANTHROPIC_API_KEY` / `OLLAMA_BASE_URL` (`AURORA_MODEL` picks
 *   one), else the rule-based analyst;
 * - tools: recorded scenario environments, or real CLIs with `AURORA_TOOLS=live`;
 * - code host: GitHub with `GITHUB_TOKEN`, else the built-in fake GitHub.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { env, logger } = options;
  const stops: Array<() => Promise<void>> = [];
  const parts: string[] = [];

  let storage: Storage;
  let queue: JobQueue | undefined;
  let bus: EventBus | undefined;
  let checkpointer: Awaited<ReturnType<typeof postgresCheckpointer>> | undefined;
  if (env.AURORA_STORAGE === 'memory') {
    storage = memoryStorage();
    parts.push('in-memory storage');
  } else {
    let connectionString = env.DATABASE_URL;
    if (!connectionString) {
      const db = await startDemoDatabase(join(options.dataDir, 'postgres'));
      if (db.note) logger.warn(db.note);
      stops.push(() => db.stop());
      connectionString = db.connectionString;
      parts.push(`embedded PostgreSQL (data in ${db.dataDir})`);
    } else {
      parts.push('PostgreSQL from DATABASE_URL');
    }
    const pg = postgresStorage({ connectionString, migrate: true });
    await pg.ready(); // migrations applied (or their error) before serving
    storage = pg;
    queue = pgBossQueue({ connectionString, onError: (e: unknown) => logger.warn({ err: e }, 'job queue') });
    bus = pgEventBus({ connectionString, storage: pg });
    checkpointer = await postgresCheckpointer({ connectionString });
    stops.push(async () => {
      await checkpointer?.end?.();
    });
  }

  const model = chatModelFromEnv(env);
  parts.push(
    model
      ? `model ${(model as { model?: string }).model ?? model.getName()}`
      : 'rule-based analyst (no model configured)',
  );

  let tools: Tool[];
  if (env.AURORA_TOOLS === 'live') {
    const runner = localCommandRunner({});
    tools = [kubectlTool({ runner }), gcloudTool({ runner }), awsTool({ runner }), azTool({ runner })];
    parts.push('live CLI tools');
  } else {
    tools = recordedTools(options.scenarios.flatMap((s) => s.recordings) as Recording[]);
    parts.push('recorded environments');
  }

  let codeHost: CodeHost;
  let configure: ((app: Express) => void) | undefined;
  if (env.GITHUB_TOKEN) {
    codeHost = githubCodeHost({
      auth: env.GITHUB_TOKEN,
      ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    });
  } else {
    const fake = fakeGitHub(options.publicUrl);
    configure = (app) => app.use('/fake-github', fake.router);
    codeHost = githubCodeHost({
      auth: 'demo-token',
      baseUrl: `${options.publicUrl()}/fake-github`,
      fetch: (input, init) => {
        // The base URL is only known once the server listens; resolve it per request.
        const url = String(input instanceof Request ? input.url : input).replace(
          /^https?:\/\/[^/]+\/fake-github/,
          `${options.publicUrl()}/fake-github`,
        );
        return fetch(url, init);
      },
    });
  }

  const aurora = createAurora({
    storage,
    queue,
    bus,
    checkpointer,
    sources: builtInSources(),
    tools,
    model,
    embeddings: embeddingsFromEnv(env),
    codeHost,
    incidentUrl: (incident) => `${options.publicUrl()}/incidents/${incident.id}`,
    onError: (error, context) => logger.error({ err: error, ...context }, 'background error'),
  });
  return {
    aurora,
    configure,
    description: parts.join(', '),
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    },
  };
}
