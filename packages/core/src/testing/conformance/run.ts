import type { Storage } from '../../spec/storage.js';
import { uniqueId } from './builders.js';
import { conformanceChecks } from './checks.js';
import {
  CONFORMANCE_SUITES,
  type ConformanceCheck,
  type ConformanceContext,
  type ConformanceResult,
  type ConformanceSuite,
  type StorageConformanceInit,
} from './types.js';

/** A context with fresh tenant ids for one check. */
export function conformanceContext(storage: Storage): ConformanceContext {
  return {
    storage,
    tenantId: uniqueId('tenant'),
    otherTenantId: uniqueId('tenant'),
    newId: (prefix = 'id') => uniqueId(prefix),
  };
}

/** Group checks by suite, in {@link CONFORMANCE_SUITES} order, leaving out empty suites. */
export function groupBySuite(checks: ConformanceCheck[]): [ConformanceSuite, ConformanceCheck[]][] {
  return CONFORMANCE_SUITES.map(
    (suite) => [suite, checks.filter((c) => c.suite === suite)] as [ConformanceSuite, ConformanceCheck[]],
  ).filter(([, list]) => list.length > 0);
}

/** Options of {@link runConformanceChecks} and `runStorageConformance`. */
export interface RunConformanceOptions {
  /** Run only these suites. @default every suite */
  suites?: readonly ConformanceSuite[];
}

/**
 * Run the checks without a test framework (the kit brings its own assertions)
 * and report each outcome. One storage per suite, as in
 * {@link runStorageConformance}. Useful to assert that a broken storage fails.
 */
export async function runConformanceChecks(
  init: StorageConformanceInit,
  options: RunConformanceOptions = {},
): Promise<ConformanceResult[]> {
  const wanted = options.suites;
  const checks = conformanceChecks(init).filter((c) => !wanted || wanted.includes(c.suite));
  const results: ConformanceResult[] = [];
  await init.beforeAll?.();
  try {
    for (const [suite, list] of groupBySuite(checks)) {
      const storage = await init.create();
      try {
        for (const c of list) {
          try {
            await c.run(conformanceContext(storage));
            results.push({ suite, name: c.name });
          } catch (error) {
            results.push({ suite, name: c.name, error });
          }
        }
      } finally {
        await (init.destroy ? init.destroy(storage) : storage.close());
      }
    }
  } finally {
    await init.afterAll?.();
  }
  return results;
}
