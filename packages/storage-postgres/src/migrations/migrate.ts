import type pg from 'pg';
import { z } from 'zod';
import { PostgresConnectionOptions, resolvePool } from '../connection.js';
import { toAuroraError } from '../storage/errors.js';
import { DEFAULT_SCHEMA, quoteSchema } from './identifier.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export const MigrateOptions = PostgresConnectionOptions.extend({
  /** @default 'aurora' */
  schema: z.string().optional(),
  /** Progress lines (one per applied migration). */
  log: z.custom<(line: string) => void>((v) => typeof v === 'function').optional(),
}).strict();
export type MigrateOptions = z.input<typeof MigrateOptions>;

export interface MigrateResult {
  schema: string;
  /** Versions applied by this call, in order (empty when already up to date). */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

/** First key of the session advisory lock that serializes migrations ("ARCA"). */
const LOCK_CLASS = 0x41524341;

/**
 * Bring the schema up to the latest version. Safe to call from several processes at once:
 * the first takes a session advisory lock (`pg_advisory_lock`) and applies the pending
 * migrations, each in its own transaction; the others wait, then find nothing to do.
 *
 * @example
 * ```ts
 * await migrate({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const parsed = MigrateOptions.parse(options);
  const schemaName = parsed.schema ?? DEFAULT_SCHEMA;
  const { pool, owned } = resolvePool(parsed, 'aurora-migrate');
  try {
    return await migratePool(pool, schemaName, parsed.log);
  } finally {
    if (owned) await pool.end();
  }
}

/** {@link migrate} on an existing pool. */
export async function migratePool(
  pool: pg.Pool,
  schemaName: string,
  log: (line: string) => void = () => {},
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  const schema = quoteSchema(schemaName);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toAuroraError(error);
  }
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, schemaName]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
      const { rows } = await client.query<{ version: number }>(
        `SELECT version FROM ${schema}.schema_migrations`,
      );
      const done = new Set(rows.map((r) => r.version));
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql.replaceAll('{{schema}}', schema));
          await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        applied.push(migration.version);
        log(`applied migration ${migration.version} (${migration.name}) to schema ${schemaName}`);
      }
      const version = Math.max(0, ...done, ...applied);
      return { schema: schemaName, applied, version };
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, schemaName])
        .catch(() => {});
    }
  } catch (error) {
    throw toAuroraError(error);
  } finally {
    client.release();
  }
}
