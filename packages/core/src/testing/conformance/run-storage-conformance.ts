import type { Storage } from '../../spec/storage.js';
import { conformanceChecks } from './checks.js';
import { conformanceContext, groupBySuite, type RunConformanceOptions } from './run.js';
import type { StorageConformanceInit } from './types.js';

/** The part of a jest-style runner the kit registers suites with (vitest, jest, bun:test). */
export interface TestRunnerApi {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void>): unknown;
  beforeAll(fn: () => Promise<void> | void): unknown;
  afterAll(fn: () => Promise<void> | void): unknown;
}

/** Options of {@link runStorageConformance}. */
export interface RunStorageConformanceOptions extends RunConformanceOptions {
  /**
   * The runner to register with, e.g. `import * as vitest from 'vitest'`.
   * @default the running vitest (found without importing it), else the global `describe`/`it`
   */
  runner?: TestRunnerApi;
}

function isRunner(value: unknown): value is TestRunnerApi {
  const v = value as Partial<Record<keyof TestRunnerApi, unknown>> | null | undefined;
  return (
    typeof v?.describe === 'function' &&
    typeof v.it === 'function' &&
    typeof v.beforeAll === 'function' &&
    typeof v.afterAll === 'function'
  );
}

/**
 * The running test framework, found without importing one, so `@aurora-rca/core/testing`
 * never loads (or bundles) a test framework: vitest publishes its API as
 * `globalThis.__vitest_index__` in every worker; jest, bun and vitest with `globals: true`
 * define `describe`/`it` globally.
 */
function detectRunner(): TestRunnerApi | undefined {
  const g = globalThis as { __vitest_index__?: unknown };
  if (isRunner(g.__vitest_index__)) return g.__vitest_index__;
  const globals: unknown = globalThis;
  if (isRunner(globals)) return globals;
  return undefined;
}

/**
 * Register the storage conformance kit as test suites: one `describe` per concern, one
 * `it` per rule, one storage per suite (from `init.create()`). Call it at the top level of
 * a test file.
 *
 * @example
 * ```ts
 * // my-storage.test.ts
 * import { runStorageConformance } from '@aurora-rca/core/testing';
 * import { myStorage } from './my-storage.js';
 *
 * runStorageConformance({ name: 'my-storage', create: async () => myStorage() });
 * ```
 */
export function runStorageConformance(
  init: StorageConformanceInit,
  options: RunStorageConformanceOptions = {},
): void {
  const runner = options.runner ?? detectRunner();
  if (!runner) {
    throw new Error(
      'runStorageConformance: no test runner found. Call it from a vitest or jest test file, or pass ' +
        "{ runner } (e.g. import * as vitest from 'vitest').",
    );
  }
  const { describe, it, beforeAll, afterAll } = runner;
  const wanted = options.suites;
  const checks = conformanceChecks(init).filter((c) => !wanted || wanted.includes(c.suite));
  describe(`storage conformance: ${init.name}`, () => {
    if (init.beforeAll) beforeAll(() => init.beforeAll?.());
    if (init.afterAll) afterAll(() => init.afterAll?.());
    for (const [suite, list] of groupBySuite(checks)) {
      describe(suite, () => {
        let storage: Storage | undefined;
        beforeAll(async () => {
          storage = await init.create();
        });
        afterAll(async () => {
          if (storage) await (init.destroy ? init.destroy(storage) : storage.close());
        });
        for (const c of list) {
          it(c.name, async () => {
            if (!storage) throw new Error(`${init.name}: create() did not produce a storage`);
            await c.run(conformanceContext(storage));
          });
        }
      });
    }
  });
}
