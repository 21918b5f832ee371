import type { Storage } from '../../spec/storage.js';

/**
 * How the conformance kit obtains a storage to test. Mirrors LangGraph's checkpointer
 * validation initializer.
 *
 * `create()` is called once per suite (and once more by the lifecycle checks, which close
 * what they create); every check uses tenant ids no other check uses, so one storage can
 * safely serve a whole suite. `destroy()` receives every storage `create()` returned, even
 * one a check already closed.
 */
export interface StorageConformanceInit {
  /** Shown in test names, e.g. `memory`, `postgres`. */
  name: string;
  /** A ready-to-use storage (schema migrated). */
  create(): Promise<Storage>;
  /** Release what `create()` made (close pools, drop the database). @default `storage.close()` */
  destroy?(storage: Storage): Promise<void>;
  /** Runs once before any suite (start a server). */
  beforeAll?(): Promise<void>;
  /** Runs once after every suite (stop the server). */
  afterAll?(): Promise<void>;
}

/** The concerns the kit checks, one suite (and one file) each. */
export const CONFORMANCE_SUITES = [
  'lifecycle',
  'incidents',
  'alerts',
  'thoughts',
  'citations',
  'suggestions',
  'chat',
  'postmortems',
  'events',
  'dead-letters',
  'transactions',
  'tenant-isolation',
  'concurrency',
] as const;

/** One of {@link CONFORMANCE_SUITES}. */
export type ConformanceSuite = (typeof CONFORMANCE_SUITES)[number];

/** What a check runs against. */
export interface ConformanceContext {
  /** The storage under test, shared by the checks of one suite. */
  readonly storage: Storage;
  /** A tenant id used by this check only. */
  readonly tenantId: string;
  /** A second tenant id used by this check only, for isolation checks. */
  readonly otherTenantId: string;
  /** Unique ids for records and for the `newId` argument of append methods. */
  newId(prefix?: string): string;
}

/**
 * One rule of the storage contract as plain data: `run` resolves when the storage follows
 * the rule and rejects (with a `ConformanceAssertionError`, or whatever the storage threw)
 * when it does not.
 */
export interface ConformanceCheck {
  suite: ConformanceSuite;
  name: string;
  run(ctx: ConformanceContext): Promise<void>;
}

/** Outcome of one check from {@link runConformanceChecks}. */
export interface ConformanceResult {
  suite: ConformanceSuite;
  name: string;
  /** `undefined` when the check passed. */
  error?: unknown;
}
