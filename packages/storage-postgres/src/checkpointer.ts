import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import pg from 'pg';
import { z } from 'zod';
import { PostgresConnectionOptions } from './connection.js';
import { quoteSchema } from './migrations/identifier.js';
import { toAuroraError } from './storage/errors.js';

export const PostgresCheckpointerOptions = PostgresConnectionOptions.extend({
  /** Schema of the checkpoint tables. @default 'aurora_checkpoints' */
  schema: z.string().optional(),
}).strict();
export type PostgresCheckpointerOptions = z.input<typeof PostgresCheckpointerOptions>;

/** First key of the advisory lock around checkpoint-table setup ("ACKP"). */
const SETUP_LOCK_CLASS = 0x41434b50;

/**
 * The LangGraph checkpointer on PostgreSQL, ready to use (its tables are created on the first
 * call; concurrent first calls from several processes are serialized by an advisory lock).
 *
 * Give it to the investigator (`createInvestigator({ checkpointer })`): graph state is saved per
 * incident (thread id = incident id) after every step with `durability: "sync"`, so when a worker
 * is killed the retried job continues from the last completed step. Thoughts and citations carry
 * idempotency keys, so the steps replayed after the crash do not duplicate them.
 * Call `end()` on the result to close a pool it created from `connectionString`.
 *
 * @example
 * ```ts
 * const checkpointer = await postgresCheckpointer({ connectionString: process.env.DATABASE_URL });
 * const investigator = createInvestigator({ storage, publisher, clock, ids, tools, checkpointer });
 * ```
 */
export async function postgresCheckpointer(options: PostgresCheckpointerOptions): Promise<PostgresSaver> {
  const parsed = PostgresCheckpointerOptions.parse(options);
  const schema = parsed.schema ?? 'aurora_checkpoints';
  quoteSchema(schema);
  const pool =
    parsed.pool ??
    new pg.Pool({
      connectionString: parsed.connectionString,
      max: parsed.max ?? 5,
      application_name: 'aurora-checkpoints',
    });
  if (!parsed.pool) pool.on('error', () => {});
  // PostgresSaver ends the pool in `end()`; a pool passed in by the caller stays theirs.
  const saver = new PostgresSaver(parsed.pool ? borrowed(parsed.pool) : pool, undefined, { schema });
  const lock = await pool.connect().catch((error: unknown) => {
    throw toAuroraError(error);
  });
  try {
    await lock.query('SELECT pg_advisory_lock($1, hashtext($2))', [SETUP_LOCK_CLASS, schema]);
    try {
      await saver.setup();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SETUP_LOCK_CLASS, schema]);
    }
  } catch (error) {
    throw toAuroraError(error);
  } finally {
    lock.release();
  }
  return saver;
}

/** A view of a caller's pool whose `end()` does nothing. */
function borrowed(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'end') return async () => {};
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
