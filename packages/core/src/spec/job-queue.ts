/** One job handed to a worker. */
export interface Job<Payload = unknown> {
  id: string;
  kind: string;
  key: string | null;
  payload: Payload;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted when the job is cancelled (`cancel(key)`) or the queue stops. `signal.reason` says why. */
  signal: AbortSignal;
}

export interface EnqueueOptions {
  /** At most one queued-or-running job per key (e.g. `investigate:<incidentId>`). */
  key?: string;
  /** @default 3 */
  retryLimit?: number;
  /** Base backoff; doubles per retry. @default 1000 */
  retryDelayMs?: number;
  delayMs?: number;
}

export interface EnqueueResult {
  id: string;
  /** True when a job with the same key was already queued or running; no new job was made. */
  duplicate: boolean;
}

export interface WorkOptions {
  /** @default 2 */
  concurrency?: number;
}

/**
 * Job queue contract, version 1. In-process on p-queue (core), distributed on pg-boss
 * (storage-postgres).
 */
export interface JobQueueV1 {
  readonly specificationVersion: 'v1';
  enqueue<P>(kind: string, payload: P, options?: EnqueueOptions): Promise<EnqueueResult>;
  /** Cancel the queued or running job with this key; a running job's signal aborts with `reason`. */
  cancel(key: string, reason?: string): Promise<boolean>;
  /** Register the handler for a kind. A handler that throws is retried with backoff. */
  work<P>(kind: string, handler: (job: Job<P>) => Promise<void>, options?: WorkOptions): Promise<void>;
  /** Number of queued + running jobs (metrics, graceful shutdown). */
  size(): Promise<{ queued: number; running: number }>;
  /** Stop taking jobs; with `graceful`, wait for running jobs to finish. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}
export type JobQueue = JobQueueV1;
