/**
 * `@aurora-rca/adapters` — alert sources, diagnostic tools, GitHub, LLM factories and the
 * Express adapter. Prefer the per-adapter subpaths (`@aurora-rca/adapters/grafana`).
 * @packageDocumentation
 */
export * from './sources/index.js';
export * from './tools/index.js';
export * from './github/index.js';
export * from './llm/index.js';
