import type pg from 'pg';
import { toAuroraError } from './errors.js';

/** Rows of one statement. */
export interface Rows<R> {
  rows: R[];
  rowCount: number;
}

/**
 * Where repository statements run: the pool (each statement on its own, autocommit) or one
 * transaction's client. `atomic` groups statements: on the pool it opens a transaction, inside
 * a transaction it simply joins it (so `transaction()` calls nest).
 */
export interface Executor {
  readonly inTransaction: boolean;
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Rows<R>>;
  atomic<T>(fn: (ex: Executor) => Promise<T>): Promise<T>;
}

async function run<R>(
  client: pg.Pool | pg.PoolClient,
  text: string,
  values: readonly unknown[] | undefined,
): Promise<Rows<R>> {
  try {
    const result = await client.query(text, values as unknown[] | undefined);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw toAuroraError(error);
  }
}

/** Run `fn` inside `BEGIN … COMMIT` on a dedicated client; `ROLLBACK` when it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (ex: Executor) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toAuroraError(error);
  }
  let broken: Error | undefined;
  try {
    await run(client, 'BEGIN', undefined);
    const result = await fn(clientExecutor(client));
    await run(client, 'COMMIT', undefined);
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is unusable; destroy it instead of returning it to the pool.
      broken = rollbackError as Error;
    }
    // `fn`'s own error is rethrown unchanged; statement errors are already AuroraErrors.
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Statements on one transaction's client. */
export function clientExecutor(client: pg.PoolClient): Executor {
  const self: Executor = {
    inTransaction: true,
    query: (text, values) => run(client, text, values),
    atomic: (fn) => fn(self),
  };
  return self;
}

/** Statements on the pool, after `ready` (pending migrations) settles. */
export function poolExecutor(pool: pg.Pool, ready: () => Promise<void>): Executor {
  return {
    inTransaction: false,
    async query(text, values) {
      await ready();
      return run(pool, text, values);
    },
    async atomic(fn) {
      await ready();
      return withTransaction(pool, fn);
    },
  };
}
