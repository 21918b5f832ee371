/**
 * Diagnostic tools: `kubectl`, `gcloud`, `aws`, `az` (through a `CommandRunner` and the
 * command policy), `prometheus`, `loki` and `http_get` (over an injected `fetch`).
 */
export * from './cli-tools.js';
export type { FetchLike } from './http.js';
export * from './http-get.js';
export * from './loki.js';
export * from './prometheus.js';
