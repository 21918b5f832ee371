/**
 * `@aurora-rca/core/testing` — what hosts and adapter authors test with: the storage
 * conformance kit, scripted chat models, the recorded-environment runner and mock
 * implementations of every contract.
 * @packageDocumentation
 */
export * from './conformance/index.js';
export * from './models/index.js';
export * from './recorded/index.js';
export * from './mocks/index.js';
