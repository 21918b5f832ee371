import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

/** A database created for one test file. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** A new pool on the database (closed after the file); use several to act as separate processes. */
  pool(max?: number): pg.Pool;
}

/** Replace the database name of a connection string. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Create a uniquely named database on the server at `adminUrl`. */
export async function createDatabase(
  adminUrl: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `aurora_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Register `beforeAll`/`afterAll` hooks that give this test file its own database on the
 * server provided by the global setup, and close every pool made through it.
 */
export function useTestDatabase(): TestDatabase {
  let created: Awaited<ReturnType<typeof createDatabase>> | undefined;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    created = await createDatabase(inject('postgresAdminUrl'));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => {})));
    await created?.drop();
  });
  const current = () => {
    if (!created) throw new Error('the test database is created in beforeAll');
    return created;
  };
  return {
    get name() {
      return current().name;
    },
    get url() {
      return current().url;
    },
    pool(max = 5) {
      const pool = new pg.Pool({ connectionString: current().url, max });
      pool.on('error', () => {});
      pools.push(pool);
      return pool;
    },
  };
}
