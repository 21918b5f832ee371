/**
 * `@aurora-rca/storage-memory` — the in-memory reference Storage.
 * @packageDocumentation
 */
export { type MemoryStorageOptions, type MemoryTransaction, memoryStorage } from './memory-storage.js';
