import { type Clock, type Storage, type StorageRepositories, systemClock } from '@aurora-rca/core';
import type pg from 'pg';
import { z } from 'zod';
import { PostgresConnectionOptions, resolvePool } from '../connection.js';
import { DEFAULT_SCHEMA, quoteSchema } from '../migrations/identifier.js';
import { type MigrateResult, migratePool } from '../migrations/migrate.js';
import { alertRepository } from './alerts.js';
import { chatRepository } from './chat.js';
import { citationRepository } from './citations.js';
import { deadLetterRepository } from './dead-letters.js';
import { eventLogRepository } from './events.js';
import { type Executor, poolExecutor, withTransaction } from './executor.js';
import { incidentRepository } from './incidents.js';
import { postmortemRepository } from './postmortems.js';
import { suggestionRepository } from './suggestions.js';
import { type Tables, tables } from './tables.js';
import { thoughtRepository } from './thoughts.js';

export const PostgresStorageOptions = PostgresConnectionOptions.extend({
  /** Schema holding Aurora's tables. @default 'aurora' */
  schema: z.string().optional(),
  /**
   * Apply pending migrations before the first query (under the migration lock, so several
   * processes starting together are safe). Off by default: production runs the migrate command
   * at deploy time. @default false
   */
  migrate: z.boolean().optional(),
  /** Time source for `updatedAt` when an update does not carry one. @default systemClock */
  clock: z.custom<Clock>((v) => typeof (v as Clock | undefined)?.now === 'function').optional(),
}).strict();
export type PostgresStorageOptions = z.input<typeof PostgresStorageOptions>;

/** The PostgreSQL storage, with its pool and migration hooks. */
export interface PostgresStorage extends Storage {
  /** The pool queries run on (yours, or the one created from `connectionString`). */
  readonly pool: pg.Pool;
  readonly schema: string;
  /** Resolves once start-up migrations (with `migrate: true`) are applied; rejects if they failed. */
  ready(): Promise<void>;
  /** Apply pending migrations now. */
  migrate(): Promise<MigrateResult>;
}

/** Repositories bound to one executor; a transaction's set also nests `transaction` calls. */
function repositories(ex: Executor, t: Tables, clock: Clock): StorageRepositories {
  return {
    incidents: incidentRepository(ex, t, clock),
    alerts: alertRepository(ex, t),
    thoughts: thoughtRepository(ex, t),
    citations: citationRepository(ex, t),
    suggestions: suggestionRepository(ex, t),
    chat: chatRepository(ex, t),
    postmortems: postmortemRepository(ex, t),
    events: eventLogRepository(ex, t),
    deadLetters: deadLetterRepository(ex, t),
  };
}

/**
 * Storage on PostgreSQL ≥ 14 through `pg`. Several API and worker processes can share one
 * database: dedup, sequence numbers and citation keys are enforced by unique indexes and
 * per-parent counter rows, not by process memory.
 *
 * @example
 * ```ts
 * const storage = postgresStorage({ connectionString: process.env.DATABASE_URL, migrate: true });
 * const aurora = createAurora({ storage });
 * ```
 */
export function postgresStorage(options: PostgresStorageOptions): PostgresStorage {
  const parsed = PostgresStorageOptions.parse(options);
  const schemaName = parsed.schema ?? DEFAULT_SCHEMA;
  const t = tables(quoteSchema(schemaName));
  const clock = parsed.clock ?? systemClock;
  const { pool, owned } = resolvePool(parsed, 'aurora');

  let startup: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    if (!parsed.migrate) return Promise.resolve();
    startup ??= migratePool(pool, schemaName).then(() => undefined);
    return startup;
  };
  if (parsed.migrate) ready().catch(() => {}); // start early; callers see the error on first use

  const root = repositories(poolExecutor(pool, ready), t, clock);
  let closed: Promise<void> | undefined;

  return {
    specificationVersion: 'v1',
    name: 'postgres',
    pool,
    schema: schemaName,
    ...root,
    ready,
    migrate: () => migratePool(pool, schemaName),
    async transaction(fn) {
      await ready();
      return withTransaction(pool, (ex) => {
        // The transaction's repositories also answer `transaction()`, joining the same one.
        const tx: StorageRepositories & Pick<Storage, 'transaction'> = {
          ...repositories(ex, t, clock),
          transaction: (inner) => inner(tx),
        };
        return fn(tx);
      });
    },
    close() {
      closed ??= owned ? pool.end() : Promise.resolve();
      return closed;
    },
  };
}
