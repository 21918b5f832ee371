import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresCheckpointer } from './checkpointer.js';
import { useTestDatabase } from './testing/test-database.js';

const db = useTestDatabase();

describe('postgresCheckpointer', () => {
  it('sets up its tables once even when several processes start together, and stores checkpoints per thread', async () => {
    const savers = await Promise.all([1, 2, 3].map(() => postgresCheckpointer({ connectionString: db.url })));
    const [first, second] = savers as [(typeof savers)[0], (typeof savers)[0]];
    // A checkpoint written by one process is read by another (same thread id = incident id).
    const config = { configurable: { thread_id: 'inc_1', checkpoint_ns: '' } };
    const checkpoint = {
      v: 4,
      id: '1ef0000000000000000000000000001',
      ts: '2026-01-01T00:00:00.000Z',
      channel_values: { step: 3 },
      channel_versions: { step: 1 },
      versions_seen: {},
    };
    await first.put(config, checkpoint, { source: 'loop', step: 3, parents: {} }, { step: 1 });
    const read = await second.getTuple(config);
    expect(read?.checkpoint.channel_values).toEqual({ step: 3 });
    await Promise.all(savers.map((s) => s.end()));
  });

  it('leaves a pool passed in open when ended', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const saver = await postgresCheckpointer({ pool, schema: 'checkpoints_own_pool' });
    await saver.end();
    const { rows } = await pool.query('SELECT 1 AS ok');
    expect(rows[0]).toEqual({ ok: 1 });
    await pool.end();
  });
});
