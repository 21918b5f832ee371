import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Storage } from '../../spec/storage.js';
import { conformanceChecks } from './checks.js';
import { conformanceContext, groupBySuite, type RunConformanceOptions } from './run.js';
import type { StorageConformanceInit } from './types.js';

/**
 * Register the storage conformance kit as vitest suites: one `describe` per concern, one
 * `it` per rule, one storage per suite (from `init.create()`).
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
  options: RunConformanceOptions = {},
): void {
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
