export * from './in-process-event-bus.js';
export * from './in-process-queue.js';
export * from './jobs.js';
export * from './publisher.js';
export * from './shutdown.js';
