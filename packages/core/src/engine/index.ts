export * from './chat.js';
export * from './chat-context.js';
export * from './create-aurora.js';
export * from './run-and-cite.js';
export * from './types.js';
export * from './webhook.js';
