export * from './conflict-retry.js';
export * from './lifecycle.js';
export * from './pipeline.js';
export * from './types.js';
