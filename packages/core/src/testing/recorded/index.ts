export * from './match.js';
export * from './recorded-runner.js';
export * from './recorded-tools.js';
export * from './scenario.js';
