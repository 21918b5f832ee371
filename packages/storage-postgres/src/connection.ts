import { AuroraError } from '@aurora-rca/core';
import pg from 'pg';
import { z } from 'zod';

/** Anything with the `pg.Pool` surface this package uses. */
const PoolLike = z.custom<pg.Pool>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as pg.Pool).query === 'function' &&
    typeof (v as pg.Pool).connect === 'function',
  { message: 'expected a pg.Pool' },
);

/** Where to connect: your own `pg.Pool` (you end it) or a connection string (we end the pool we make). */
export const PostgresConnectionOptions = z.object({
  /** A pool you own; `close()` leaves it open. */
  pool: PoolLike.optional(),
  /** e.g. `postgres://user:pass@host:5432/db`; a pool is created and closed by this package. */
  connectionString: z.string().min(1).optional(),
  /** Pool size when created from `connectionString`. @default 10 */
  max: z.number().int().positive().optional(),
});
export type PostgresConnectionOptions = z.infer<typeof PostgresConnectionOptions>;

/** A pool and whether this package must end it. */
export interface OwnedPool {
  pool: pg.Pool;
  owned: boolean;
}

/**
 * Resolve `{ pool }` or `{ connectionString }` into a pool.
 * @throws AuroraError `INVALID_INPUT` when neither (or both) is given.
 */
export function resolvePool(options: PostgresConnectionOptions, applicationName: string): OwnedPool {
  if (options.pool && options.connectionString) {
    throw new AuroraError('INVALID_INPUT', 'Pass either `pool` or `connectionString`, not both');
  }
  if (options.pool) return { pool: options.pool, owned: false };
  if (!options.connectionString) {
    throw new AuroraError('INVALID_INPUT', 'A PostgreSQL `pool` or `connectionString` is required');
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: applicationName,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return { pool, owned: true };
}
