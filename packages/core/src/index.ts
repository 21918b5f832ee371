/**
 * `@aurora-rca/core` — domain model, contracts, engine, correlation, investigation and the
 * Web-standard HTTP handler. Browser-safe: nothing here imports a Node built-in
 * (Node-only pieces live in `@aurora-rca/core/node`).
 * @packageDocumentation
 */
export * from './errors.js';
export * from './model/index.js';
export * from './spec/index.js';
export * from './util/index.js';
export * from './runtime/index.js';
export * from './correlation/index.js';
export * from './ingest/index.js';
export * from './investigation/index.js';
export * from './tools/index.js';
export * from './engine/index.js';
export * from './http/index.js';
