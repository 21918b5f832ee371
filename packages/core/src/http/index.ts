export * from './handler.js';
export * from './rate-limit.js';
export * from './read-body.js';
export * from './sse.js';
export * from './wire.js';
