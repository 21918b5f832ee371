import {
  AuroraError,
  type EnqueueOptions,
  type EnqueueResult,
  type Job,
  type JobQueue,
  shutdownReason,
  type WorkOptions,
} from '@aurora-rca/core';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { PostgresConnectionOptions, resolvePool } from '../connection.js';
import { type ListenerConnection, NotificationListener } from '../listener.js';
import { quoteSchema } from '../migrations/identifier.js';
import { toAuroraError } from '../storage/errors.js';

export const PgBossQueueOptions = PostgresConnectionOptions.extend({
  /** Schema of pg-boss's own tables. @default 'aurora_jobs' */
  schema: z.string().optional(),
  /**
   * A running job that is not finished after this long is failed and retried elsewhere —
   * this is how a job of a crashed worker comes back. Keep it above your longest job. @default 900
   */
  expireInSeconds: z.number().int().min(1).optional(),
  /** How often an idle worker polls for jobs (a local `enqueue` wakes it at once). @default 2 */
  pollingIntervalSeconds: z.number().min(0.5).optional(),
  /** How often expired jobs are looked for. @default 30 */
  maintenanceIntervalSeconds: z.number().int().min(1).optional(),
  /** NOTIFY channel that carries cancellations to the workers running the job. @default 'aurora_job_cancel' */
  cancelChannel: z.string().optional(),
  /** Background errors (lost connections, maintenance failures). @default ignore */
  onError: z.custom<(error: unknown) => void>((v) => typeof v === 'function').optional(),
}).strict();
export type PgBossQueueOptions = z.input<typeof PgBossQueueOptions>;

/** The distributed job queue, with the pg-boss instance for advanced use. */
export interface PgBossQueue extends JobQueue {
  readonly boss: PgBoss;
}

/** Second key of the transaction advisory lock taken per job key ("AJOB"). */
const KEY_LOCK_CLASS = 0x414a4f42;
/** First key of the session advisory lock around queue creation ("AQUE"). */
const QUEUE_LOCK_CLASS = 0x41515545;

interface CancelMessage {
  ids: string[];
  reason: string;
}

/**
 * {@link JobQueue} on pg-boss 10, for several worker processes on one PostgreSQL.
 *
 * - `key`: at most one queued-or-running job per key. `enqueue` takes a transaction advisory
 *   lock on the key, looks for a live job with that `singletonKey` and only then inserts, so
 *   two processes enqueueing the same key at once make one job (`duplicate: true` for the other).
 * - Retries: `retryLimit` (default 3) with exponential backoff from `retryDelayMs` (whole seconds
 *   in pg-boss, rounded up; default 1 s).
 * - Crashed workers: a job still active after `expireInSeconds` is failed by maintenance and
 *   retried; the worker that ran it (if alive) sees its signal aborted with a shutdown reason.
 * - `cancel(key)` marks the job cancelled in pg-boss and sends a NOTIFY; the process running it
 *   aborts the job's `AbortSignal` with the given reason.
 *
 * @example
 * ```ts
 * const queue = pgBossQueue({ connectionString: process.env.DATABASE_URL });
 * await queue.work(INVESTIGATE_JOB, (job) => investigator.run(job), { concurrency: 4 });
 * ```
 */
export function pgBossQueue(options: PgBossQueueOptions): PgBossQueue {
  const parsed = PgBossQueueOptions.parse(options);
  const schemaName = parsed.schema ?? 'aurora_jobs';
  const schema = quoteSchema(schemaName);
  const expireInSeconds = parsed.expireInSeconds ?? 900;
  const pollingIntervalSeconds = parsed.pollingIntervalSeconds ?? 2;
  const onError = parsed.onError ?? (() => {});
  const channel = parsed.cancelChannel ?? 'aurora_job_cancel';
  const { pool, owned } = resolvePool(parsed, 'aurora-jobs');

  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    schema: schemaName,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: parsed.maintenanceIntervalSeconds ?? 30,
    expireInSeconds,
  });
  boss.on('error', onError);

  const running = new Map<string, { controller: AbortController; kind: string }>();
  const workerIds = new Map<string, string[]>();
  const queues = new Map<string, Promise<void>>();
  let started: Promise<void> | undefined;
  let listener: NotificationListener | undefined;
  let stopped = false;

  const start = (): Promise<void> => {
    started ??= boss.start().then(
      () => undefined,
      (error: unknown) => {
        started = undefined;
        throw toAuroraError(error);
      },
    );
    return started;
  };

  // Two processes creating the same queue at once deadlock inside pg-boss (it creates a
  // partition), so creation is serialized by a session advisory lock held on a side connection.
  const createQueueLocked = async (kind: string): Promise<void> => {
    if (await boss.getQueue(kind)) return;
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [QUEUE_LOCK_CLASS, schemaName]);
      try {
        await boss.createQueue(kind, { name: kind, expireInSeconds });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [QUEUE_LOCK_CLASS, schemaName]);
      }
    } catch (error) {
      throw toAuroraError(error);
    } finally {
      client.release();
    }
  };

  // pg-boss 10 silently drops `send` to a queue that does not exist, so every kind is created first.
  const ensureQueue = (kind: string): Promise<void> => {
    let created = queues.get(kind);
    if (!created) {
      created = start().then(() => createQueueLocked(kind));
      created.catch(() => queues.delete(kind));
      queues.set(kind, created);
    }
    return created;
  };

  const abortLocal = (ids: string[], reason: unknown) => {
    for (const id of ids) running.get(id)?.controller.abort(reason);
  };

  const ensureListener = async () => {
    if (listener) return;
    const connection: ListenerConnection = parsed.connectionString
      ? { connectionString: parsed.connectionString }
      : { pool };
    listener = new NotificationListener({
      connection,
      channels: [channel],
      onError,
      onNotification: (_channel, payload) => {
        try {
          const message = JSON.parse(payload) as CancelMessage;
          abortLocal(message.ids, message.reason);
        } catch (error) {
          onError(error);
        }
      },
    });
    await listener.start();
  };

  const guard = () => {
    if (stopped) throw new AuroraError('CONFLICT', 'The job queue is stopped');
  };

  const sendOptions = (opts: EnqueueOptions): PgBoss.SendOptions => {
    const retryDelay = Math.ceil((opts.retryDelayMs ?? 1000) / 1000);
    return {
      retryLimit: opts.retryLimit ?? 3,
      retryDelay,
      retryBackoff: retryDelay > 0,
      expireInSeconds,
      ...(opts.delayMs ? { startAfter: Math.ceil(opts.delayMs / 1000) } : {}),
      ...(opts.key ? { singletonKey: opts.key } : {}),
    };
  };

  const wake = (kind: string) => {
    for (const id of workerIds.get(kind) ?? []) boss.notifyWorker(id);
  };

  return {
    specificationVersion: 'v1',
    boss,

    async enqueue<P>(kind: string, payload: P, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
      guard();
      await ensureQueue(kind);
      const data = (payload ?? {}) as object;
      if (!opts.key) {
        const id = await boss.send(kind, data, sendOptions(opts));
        if (!id) throw new AuroraError('INTERNAL', `pg-boss did not accept a job for ${kind}`);
        wake(kind);
        return { id, duplicate: false };
      }
      const client: pg.PoolClient = await pool.connect().catch((error: unknown) => {
        throw toAuroraError(error);
      });
      let result: EnqueueResult;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [KEY_LOCK_CLASS, opts.key]);
        const { rows } = await client.query<{ id: string }>(
          `SELECT id FROM ${schema}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
          [kind, opts.key],
        );
        if (rows[0]) {
          result = { id: rows[0].id, duplicate: true };
        } else {
          const id = await boss.send(kind, data, {
            ...sendOptions(opts),
            db: { executeSql: (text, values) => client.query(text, values) },
          });
          if (!id) throw new AuroraError('INTERNAL', `pg-boss did not accept a job for ${kind}`);
          result = { id, duplicate: false };
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw toAuroraError(error);
      } finally {
        client.release();
      }
      if (!result.duplicate) wake(kind);
      return result;
    },

    async cancel(key, reason = 'cancelled') {
      await start();
      const { rows } = await pool
        .query<{ name: string; id: string }>(
          `SELECT name, id FROM ${schema}.job WHERE singleton_key = $1 AND state < 'completed'`,
          [key],
        )
        .catch((error: unknown) => {
          throw toAuroraError(error);
        });
      if (rows.length === 0) return false;
      for (const row of rows) await boss.cancel(row.name, row.id);
      const ids = rows.map((r) => r.id);
      abortLocal(ids, reason);
      const message: CancelMessage = { ids, reason };
      await pool
        .query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(message)])
        .catch((error: unknown) => {
          throw toAuroraError(error);
        });
      return true;
    },

    async work<P>(kind: string, handler: (job: Job<P>) => Promise<void>, opts: WorkOptions = {}) {
      guard();
      if (workerIds.has(kind))
        throw new AuroraError('CONFLICT', `A handler for ${kind} is already registered`);
      workerIds.set(kind, []);
      try {
        await ensureQueue(kind);
        await ensureListener();
      } catch (error) {
        workerIds.delete(kind);
        throw toAuroraError(error);
      }
      const run = async (job: PgBoss.JobWithMetadata<P>) => {
        const controller = new AbortController();
        running.set(job.id, { controller, kind });
        // pg-boss gives up on the handler at expiry and retries the job elsewhere; stop this run too.
        const expiry = setTimeout(
          () => controller.abort(expiredReason(job.expireInSeconds)),
          Math.max(1, job.expireInSeconds) * 1000,
        );
        try {
          await handler({
            id: job.id,
            kind,
            key: job.singletonKey ?? null,
            payload: job.data,
            attempt: job.retryCount + 1,
            signal: controller.signal,
          });
        } finally {
          clearTimeout(expiry);
          running.delete(job.id);
        }
      };
      const ids: string[] = [];
      for (let i = 0; i < (opts.concurrency ?? 2); i++) {
        ids.push(
          await boss.work<P>(
            kind,
            { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
            async ([job]) => {
              if (job) await run(job);
            },
          ),
        );
      }
      workerIds.set(kind, ids);
    },

    async size() {
      await start();
      const { rows } = await pool
        .query<{ state: string; n: string }>(
          `SELECT state::text AS state, count(*) AS n FROM ${schema}.job WHERE state < 'completed' GROUP BY state`,
        )
        .catch((error: unknown) => {
          throw toAuroraError(error);
        });
      let queued = 0;
      let runningCount = 0;
      for (const row of rows) {
        if (row.state === 'active') runningCount += Number(row.n);
        else queued += Number(row.n);
      }
      return { queued, running: runningCount };
    },

    async stop(opts = {}) {
      if (stopped) return;
      stopped = true;
      const graceful = opts.graceful ?? false;
      if (!graceful) abortLocal([...running.keys()], shutdownReason());
      if (started) {
        // Non-graceful: pg-boss fails the active jobs, so they are retried by another worker.
        await boss
          .stop({ graceful, timeout: opts.timeoutMs ?? 30_000, wait: true, close: false })
          .catch(onError);
        abortLocal([...running.keys()], shutdownReason());
      }
      await listener?.close();
      if (owned) await pool.end();
    },
  };
}

/** Abort reason when pg-boss expired a job: the work is retried, so handlers should stay resumable. */
function expiredReason(seconds: number): AuroraError {
  return new AuroraError('TIMEOUT', `The job exceeded its ${seconds} s expiry and will be retried`, {
    details: { shutdown: true, expired: true },
  });
}
