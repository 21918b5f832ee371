export * from './alert-source.js';
export * from './code-host.js';
export * from './command-runner.js';
export * from './event-bus.js';
export * from './job-queue.js';
export * from './storage.js';
export * from './tool.js';
export * from './topology.js';
