import { isShutdownReason } from '@aurora-rca/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/test-database.js';
import { type PgBossQueue, type PgBossQueueOptions, pgBossQueue } from './pg-boss-queue.js';

const db = useTestDatabase();
let queues: PgBossQueue[] = [];

/** One queue per simulated process, with fast polling and maintenance so the tests take seconds. */
function processQueue(extra: Partial<PgBossQueueOptions> = {}): PgBossQueue {
  const queue = pgBossQueue({
    connectionString: db.url,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
    ...extra,
  });
  queues.push(queue);
  return queue;
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  // Install pg-boss's schema once, so the tests do not race its first-time setup.
  const setup = processQueue();
  await setup.size();
});
afterEach(async () => {
  await Promise.all(queues.map((q) => q.stop()));
  queues = [];
});
afterAll(async () => {
  await Promise.all(queues.map((q) => q.stop()));
});

describe('pgBossQueue', () => {
  it('retries a failing handler and reports the attempt number', async () => {
    const queue = processQueue();
    const attempts: number[] = [];
    const done = deferred();
    await queue.work<{ n: number }>('test-retry', async (job) => {
      attempts.push(job.attempt);
      expect(job.payload).toEqual({ n: 1 });
      if (job.attempt < 3) throw new Error('flaky');
      done.resolve();
    });
    await queue.enqueue('test-retry', { n: 1 }, { retryLimit: 3, retryDelayMs: 0 });
    await done.promise;
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('keeps one queued-or-running job per key across processes', async () => {
    const [a, b] = [processQueue(), processQueue()];
    const results = await Promise.all([
      a.enqueue('test-single', { from: 'a' }, { key: 'investigate:inc_1' }),
      b.enqueue('test-single', { from: 'b' }, { key: 'investigate:inc_1' }),
      a.enqueue('test-single', { from: 'a2' }, { key: 'investigate:inc_1' }),
    ]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await a.size()).toMatchObject({ queued: 1 });

    const seen: unknown[] = [];
    await b.work('test-single', async (job) => {
      seen.push(job.payload);
    });
    await eventually(async () => (await a.size()).queued === 0 && (await a.size()).running === 0);
    expect(seen).toHaveLength(1);
    // Once it finished, the key is free again.
    expect((await a.enqueue('test-single', {}, { key: 'investigate:inc_1' })).duplicate).toBe(false);
  });

  it('delivers cancel(key) from one process to the AbortSignal of the job running in another', async () => {
    const [worker, api] = [processQueue(), processQueue()];
    const started = deferred<AbortSignal>();
    const aborted = deferred<unknown>();
    await worker.work('test-cancel', async (job) => {
      started.resolve(job.signal);
      await new Promise<void>((resolve) => {
        job.signal.addEventListener('abort', () => {
          aborted.resolve(job.signal.reason);
          resolve();
        });
      });
    });
    await api.enqueue('test-cancel', {}, { key: 'investigate:inc_merge' });
    await started.promise;
    expect(await api.cancel('investigate:inc_merge', 'merged into inc_2')).toBe(true);
    expect(await aborted.promise).toBe('merged into inc_2');
    expect(await api.cancel('investigate:inc_merge')).toBe(false);
    expect(await api.cancel('investigate:unknown')).toBe(false);
  });

  it('retries the job of a worker that died mid-run once it expires', async () => {
    const [dead, alive] = [processQueue({ expireInSeconds: 1 }), processQueue({ expireInSeconds: 1 })];
    await alive.enqueue('test-expiry', { incident: 'inc_x' }, { retryDelayMs: 0 });
    // The "dead" process takes the job and never finishes it (no heartbeat, no failure).
    await dead.size(); // starts its pg-boss
    const [taken] = await dead.boss.fetch('test-expiry');
    expect(taken).toBeDefined();
    const retried = deferred<number>();
    await alive.work('test-expiry', async (job) => {
      retried.resolve(job.attempt);
    });
    expect(await retried.promise).toBe(2);
  });

  it('aborts running jobs with a shutdown reason on a hard stop', async () => {
    const queue = processQueue();
    const started = deferred();
    const reason = deferred<unknown>();
    await queue.work('test-stop', async (job) => {
      started.resolve();
      await new Promise<void>((resolve) =>
        job.signal.addEventListener('abort', () => {
          reason.resolve(job.signal.reason);
          resolve();
        }),
      );
    });
    await queue.enqueue('test-stop', {});
    await started.promise;
    await queue.stop();
    expect(isShutdownReason(await reason.promise)).toBe(true);
    await expect(queue.enqueue('test-stop', {})).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
