export * from './jobs.js';
export * from './publisher.js';
