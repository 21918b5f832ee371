/**
 * `@aurora-rca/core/node` — Node-only pieces: the local process runner and the scenario
 * bundle loader. Everything else in core is browser-safe.
 * @packageDocumentation
 */

export * from './load-scenario.js';
export * from './local-command-runner.js';
