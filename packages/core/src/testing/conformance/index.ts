/**
 * The storage conformance kit: every rule of the v1 {@link Storage} contract as a check,
 * runnable as vitest suites ({@link runStorageConformance}) or as data
 * ({@link conformanceChecks}, {@link runConformanceChecks}), plus record builders.
 * @module
 */
export { expectAuroraError } from './assert.js';
export * from './builders.js';
export { conformanceChecks } from './checks.js';
export { conformanceContext, type RunConformanceOptions, runConformanceChecks } from './run.js';
export { compareEventIds } from './suites/events.js';
export * from './types.js';
export { runStorageConformance } from './vitest.js';
