export * from './mock-tool.js';
