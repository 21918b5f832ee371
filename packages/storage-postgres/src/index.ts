/**
 * `@aurora-rca/storage-postgres` — Aurora on PostgreSQL: the `Storage` implementation with
 * versioned migrations, a distributed `JobQueue` on pg-boss, an `EventBus` on LISTEN/NOTIFY
 * and a LangGraph checkpointer, so several API and worker processes share one database.
 * @packageDocumentation
 */

export { type PgEventBus, PgEventBusOptions, pgEventBus } from './bus/pg-event-bus.js';
export { PostgresCheckpointerOptions, postgresCheckpointer } from './checkpointer.js';
export { PostgresConnectionOptions } from './connection.js';
export { DEFAULT_SCHEMA } from './migrations/identifier.js';
export { MigrateOptions, type MigrateResult, migrate } from './migrations/migrate.js';
export { MIGRATIONS, type Migration } from './migrations/migrations.js';
export { type PgBossQueue, PgBossQueueOptions, pgBossQueue } from './queue/pg-boss-queue.js';
export { type PostgresStorage, PostgresStorageOptions, postgresStorage } from './storage/postgres-storage.js';
