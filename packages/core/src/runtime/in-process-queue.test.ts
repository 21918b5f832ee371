import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../spec/job-queue.js';
import { inProcessQueue } from './in-process-queue.js';
import { isShutdownReason } from './shutdown.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('inProcessQueue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs jobs with their payload and respects concurrency', async () => {
    const queue = inProcessQueue();
    const gate = deferred();
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await queue.work<number>(
      'k',
      async (job) => {
        running++;
        peak = Math.max(peak, running);
        seen.push(job.payload);
        await gate.promise;
        running--;
      },
      { concurrency: 2 },
    );
    for (const n of [1, 2, 3, 4]) await queue.enqueue('k', n);
    await tick();
    expect(await queue.size()).toEqual({ queued: 2, running: 2 });
    gate.resolve();
    while ((await queue.size()).running + (await queue.size()).queued > 0) await tick();
    await queue.stop({ graceful: true });
    expect(peak).toBe(2);
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
  });

  it('keeps one queued-or-running job per key', async () => {
    const queue = inProcessQueue();
    const first = await queue.enqueue('k', 1, { key: 'investigate:inc_1' });
    const second = await queue.enqueue('k', 2, { key: 'investigate:inc_1' });
    expect(second).toEqual({ id: first.id, duplicate: true });
    expect((await queue.size()).queued).toBe(1);
    await queue.stop();
  });

  it('holds jobs enqueued before a handler registers', async () => {
    const queue = inProcessQueue();
    await queue.enqueue('k', 'early');
    const got: unknown[] = [];
    await queue.work('k', async (job) => {
      got.push(job.payload);
    });
    await queue.stop({ graceful: true });
    expect(got).toEqual(['early']);
  });

  it('cancel aborts a running job with the reason and frees the key', async () => {
    const queue = inProcessQueue();
    const aborted = deferred();
    let reason: unknown;
    let attempts = 0;
    await queue.work('k', async (job: Job) => {
      attempts++;
      await new Promise<void>((_, reject) => {
        job.signal.addEventListener('abort', () => {
          reason = job.signal.reason;
          aborted.resolve();
          reject(new Error('aborted'));
        });
      });
    });
    await queue.enqueue('k', null, { key: 'investigate:inc_1', retryDelayMs: 1 });
    await tick();
    expect(await queue.cancel('investigate:inc_1', 'merged into inc_2')).toBe(true);
    await aborted.promise;
    expect(reason).toBe('merged into inc_2');
    await tick();
    expect(attempts).toBe(1);
    expect((await queue.enqueue('k', null, { key: 'investigate:inc_1' })).duplicate).toBe(false);
    expect(await queue.cancel('nope')).toBe(false);
    await queue.stop();
  });

  it('cancel drops a queued job before it starts', async () => {
    const queue = inProcessQueue({ concurrency: 1 });
    const gate = deferred();
    const ran: string[] = [];
    await queue.work<string>('k', async (job) => {
      ran.push(job.payload);
      await gate.promise;
    });
    await queue.enqueue('k', 'a', { key: 'a' });
    await queue.enqueue('k', 'b', { key: 'b' });
    await tick();
    expect(await queue.cancel('b')).toBe(true);
    gate.resolve();
    await queue.stop({ graceful: true });
    expect(ran).toEqual(['a']);
  });

  it('retries a failing handler with exponential backoff, then gives up', async () => {
    vi.useFakeTimers();
    const failed = vi.fn();
    const queue = inProcessQueue({ onFailed: failed });
    const attempts: number[] = [];
    await queue.work('k', async (job) => {
      attempts.push(job.attempt);
      throw new Error('boom');
    });
    await queue.enqueue('k', null, { retryLimit: 2, retryDelayMs: 100 });
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(99);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(199);
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toEqual([1, 2, 3]);
    expect(failed).toHaveBeenCalledTimes(1);
    expect(await queue.size()).toEqual({ queued: 0, running: 0 });
  });

  it('stop without graceful aborts running jobs with a shutdown reason', async () => {
    const queue = inProcessQueue();
    let reason: unknown;
    await queue.work('k', (job) => {
      return new Promise<void>((resolve) => {
        job.signal.addEventListener('abort', () => {
          reason = job.signal.reason;
          resolve();
        });
      });
    });
    await queue.enqueue('k', null);
    await tick();
    await queue.stop();
    expect(isShutdownReason(reason)).toBe(true);
    await expect(queue.enqueue('k', null)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('graceful stop waits for running jobs and drops queued ones', async () => {
    const queue = inProcessQueue();
    const finished: number[] = [];
    await queue.work<number>(
      'k',
      async (job) => {
        await new Promise((r) => setTimeout(r, 20));
        finished.push(job.payload);
      },
      { concurrency: 1 },
    );
    await queue.enqueue('k', 1);
    await queue.enqueue('k', 2);
    await tick();
    await queue.stop({ graceful: true });
    expect(finished).toEqual([1]);
  });
});
