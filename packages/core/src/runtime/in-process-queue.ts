import PQueue from 'p-queue';
import { AuroraError } from '../errors.js';
import type { EnqueueOptions, EnqueueResult, Job, JobQueue, WorkOptions } from '../spec/job-queue.js';
import { shutdownReason } from './shutdown.js';

/** Options of {@link inProcessQueue}. */
export interface InProcessQueueOptions {
  /** Jobs of one kind running at once, unless `work(kind, h, { concurrency })` says otherwise. @default 2 */
  concurrency?: number;
  /** Injected timers (retry backoff, `delayMs`), so tests can use fake timers. @default globalThis */
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  /** Id generator for jobs. @default `job_<n>` */
  newId?: () => string;
  /** Called when a handler fails for the last time (after every retry). */
  onFailed?: (job: Omit<Job, 'signal'>, error: unknown) => void;
}

type Handler = (job: Job<unknown>) => Promise<void>;

interface Entry {
  id: string;
  kind: string;
  key: string | null;
  payload: unknown;
  attempt: number;
  retryLimit: number;
  retryDelayMs: number;
  state: 'queued' | 'running';
  controller: AbortController | null;
  timer: ReturnType<typeof setTimeout> | null;
  cancelled: boolean;
}

/**
 * The in-process {@link JobQueue} on p-queue: one p-queue per job kind, a fresh
 * `AbortController` per attempt, at most one queued-or-running job per key, retries with
 * exponential backoff (`retryDelayMs * 2^(attempt-1)`). Jobs live in memory only — a crash
 * loses queued jobs; use the pg-boss queue of `@aurora-rca/storage-postgres` for durability.
 *
 * @example
 * ```ts
 * const queue = inProcessQueue({ concurrency: 4 });
 * await queue.work(INVESTIGATE_JOB, investigator.run);
 * await queue.enqueue(INVESTIGATE_JOB, { tenantId, incidentId }, { key: investigationKey(incidentId) });
 * ```
 */
export function inProcessQueue(options: InProcessQueueOptions = {}): JobQueue {
  const timers = options.timers ?? {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
  };
  const defaultConcurrency = options.concurrency ?? 2;
  let counter = 0;
  const newId = options.newId ?? (() => `job_${++counter}`);
  const handlers = new Map<string, Handler>();
  const queues = new Map<string, PQueue>();
  const entries = new Set<Entry>();
  const byKey = new Map<string, Entry>();
  const waiting = new Map<string, Entry[]>();
  let stopped = false;

  const release = (entry: Entry) => {
    entries.delete(entry);
    if (entry.key !== null && byKey.get(entry.key) === entry) byKey.delete(entry.key);
  };

  const schedule = (entry: Entry) => {
    if (stopped || entry.cancelled) return release(entry);
    const queue = queues.get(entry.kind);
    if (!queue) {
      const list = waiting.get(entry.kind) ?? [];
      list.push(entry);
      waiting.set(entry.kind, list);
      return;
    }
    void queue.add(() => execute(entry));
  };

  const later = (entry: Entry, ms: number) => {
    if (ms <= 0) return schedule(entry);
    entry.timer = timers.setTimeout(() => {
      entry.timer = null;
      schedule(entry);
    }, ms);
  };

  const execute = async (entry: Entry) => {
    if (stopped || entry.cancelled) return release(entry);
    const handler = handlers.get(entry.kind) as Handler;
    const controller = new AbortController();
    entry.controller = controller;
    entry.state = 'running';
    const jobView = {
      id: entry.id,
      kind: entry.kind,
      key: entry.key,
      payload: entry.payload,
      attempt: entry.attempt,
    };
    try {
      await handler({ ...jobView, signal: controller.signal });
      release(entry);
    } catch (error) {
      entry.controller = null;
      entry.state = 'queued';
      if (entry.cancelled || stopped || controller.signal.aborted || entry.attempt > entry.retryLimit) {
        release(entry);
        if (!entry.cancelled && !controller.signal.aborted) options.onFailed?.(jobView, error);
        return;
      }
      const delay = entry.retryDelayMs * 2 ** (entry.attempt - 1);
      entry.attempt += 1;
      later(entry, delay);
    }
  };

  return {
    specificationVersion: 'v1',
    async enqueue<P>(kind: string, payload: P, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
      if (stopped) throw new AuroraError('CONFLICT', 'The job queue is stopped');
      const key = opts.key ?? null;
      if (key !== null) {
        const existing = byKey.get(key);
        if (existing) return { id: existing.id, duplicate: true };
      }
      const entry: Entry = {
        id: newId(),
        kind,
        key,
        payload,
        attempt: 1,
        retryLimit: opts.retryLimit ?? 3,
        retryDelayMs: opts.retryDelayMs ?? 1000,
        state: 'queued',
        controller: null,
        timer: null,
        cancelled: false,
      };
      entries.add(entry);
      if (key !== null) byKey.set(key, entry);
      later(entry, opts.delayMs ?? 0);
      return { id: entry.id, duplicate: false };
    },

    async cancel(key, reason = 'cancelled') {
      const entry = byKey.get(key);
      if (!entry) return false;
      entry.cancelled = true;
      if (entry.timer) timers.clearTimeout(entry.timer);
      if (entry.controller) entry.controller.abort(reason);
      else release(entry);
      // The key is free at once: a new job for it may be enqueued while the old one winds down.
      if (byKey.get(key) === entry) byKey.delete(key);
      return true;
    },

    async work<P>(kind: string, handler: (job: Job<P>) => Promise<void>, opts: WorkOptions = {}) {
      if (handlers.has(kind))
        throw new AuroraError('CONFLICT', `A handler for ${kind} is already registered`);
      handlers.set(kind, handler as Handler);
      queues.set(kind, new PQueue({ concurrency: opts.concurrency ?? defaultConcurrency }));
      const pending = waiting.get(kind) ?? [];
      waiting.delete(kind);
      for (const entry of pending) schedule(entry);
    },

    async size() {
      let queued = 0;
      let running = 0;
      // A cancelled job still counts as running until its handler returns.
      for (const e of entries) {
        if (e.state === 'running') running++;
        else if (!e.cancelled) queued++;
      }
      return { queued, running };
    },

    async stop(opts = {}) {
      stopped = true;
      for (const e of entries) {
        if (e.timer) timers.clearTimeout(e.timer);
        if (e.state === 'queued') release(e);
      }
      waiting.clear();
      for (const q of queues.values()) q.clear();
      const idle = Promise.all([...queues.values()].map((q) => q.onIdle()));
      if (opts.graceful) {
        const limit = opts.timeoutMs ?? 30_000;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timedOut = await Promise.race([
          idle.then(() => false),
          new Promise<boolean>((r) => {
            timer = timers.setTimeout(() => r(true), limit);
          }),
        ]);
        if (timer) timers.clearTimeout(timer);
        if (!timedOut) return;
      }
      for (const e of entries) e.controller?.abort(shutdownReason());
      await idle;
    },
  };
}
