/**
 * The storage conformance kit: every rule of the v1 {@link Storage} contract as a check,
 * runnable as test suites ({@link runStorageConformance}) or as data
 * ({@link conformanceChecks}, {@link runConformanceChecks}), plus record builders.
 * @module
 */
export { expectAuroraError } from './assert.js';
export * from './builders.js';
export { conformanceChecks } from './checks.js';
export { ConformanceAssertionError, deepEqual } from './expect.js';
export { conformanceContext, type RunConformanceOptions, runConformanceChecks } from './run.js';
export {
  type RunStorageConformanceOptions,
  runStorageConformance,
  type TestRunnerApi,
} from './run-storage-conformance.js';
export { compareEventIds } from './suites/events.js';
export * from './types.js';
