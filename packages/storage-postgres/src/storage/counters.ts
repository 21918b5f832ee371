import { pgType, type TableCodec } from './codec.js';
import type { Executor } from './executor.js';
import type { Tables } from './tables.js';

/** What a counter numbers. One row per (tenant, scope, parent). */
export type CounterScope = 'thought' | 'citation' | 'chat' | 'postmortem' | 'event';

/**
 * Lock the counter of one parent for the rest of the transaction and return its current
 * value (0 when new). Concurrent writers of the same parent queue on the row lock, so the
 * numbers they assign are unique and gap-free; a rolled-back writer leaves no gap.
 * Must run inside `ex.atomic`.
 */
export async function lockCounter(
  ex: Executor,
  t: Tables,
  tenantId: string,
  scope: CounterScope,
  parentId: string,
): Promise<number> {
  const { rows } = await ex.query<{ value: string }>(
    `INSERT INTO ${t.counters} AS c (tenant_id, scope, parent_id, value) VALUES ($1, $2, $3, 0)
     ON CONFLICT (tenant_id, scope, parent_id) DO UPDATE SET value = c.value
     RETURNING value`,
    [tenantId, scope, parentId],
  );
  return Number(rows[0]?.value ?? 0);
}

/** Store a counter's new value (the row is locked by {@link lockCounter}). */
export async function setCounter(
  ex: Executor,
  t: Tables,
  tenantId: string,
  scope: CounterScope,
  parentId: string,
  value: number,
): Promise<void> {
  await ex.query(
    `UPDATE ${t.counters} SET value = $4 WHERE tenant_id = $1 AND scope = $2 AND parent_id = $3`,
    [tenantId, scope, parentId, value],
  );
}

/**
 * SQL of a CTE named `next` that increments one counter and yields `value` — for
 * single-statement appends (`WITH next AS (…) INSERT … SELECT … FROM next`).
 * Parameters `$1` tenant, `$2` parent; the scope is a constant.
 */
export function nextValueCte(t: Tables, scope: CounterScope): string {
  return `next AS (
    INSERT INTO ${t.counters} AS c (tenant_id, scope, parent_id, value) VALUES ($1, '${scope}', $2, 1)
    ON CONFLICT (tenant_id, scope, parent_id) DO UPDATE SET value = c.value + 1
    RETURNING value
  )`;
}

/**
 * Insert one record numbered by the next counter value, in one statement (atomic even
 * outside a transaction). `numberField` receives the counter value; with `guardSql` (a query
 * on `$1` tenant and `$2` parent) nothing is inserted unless it returns a row.
 * Returns the stored row, or `null` when the guard failed or a unique key already existed.
 */
export async function insertNumbered<T>(
  ex: Executor,
  t: Tables,
  codec: TableCodec<T>,
  scope: CounterScope,
  tenantId: string,
  parentId: string,
  record: T,
  numberField: string,
  guardSql?: string,
): Promise<T | null> {
  const all = codec.values(record);
  const values: unknown[] = [];
  const select = codec.columns.map((c, i) => {
    if (c.field === numberField) return 'next.value';
    values.push(all[i]);
    return `$${values.length + 2}::${pgType(c.kind)}`;
  });
  const next = guardSql
    ? `next AS (
        INSERT INTO ${t.counters} AS c (tenant_id, scope, parent_id, value)
        SELECT $1, '${scope}', $2, 1 WHERE EXISTS (${guardSql})
        ON CONFLICT (tenant_id, scope, parent_id) DO UPDATE SET value = c.value + 1
        RETURNING value
      )`
    : nextValueCte(t, scope);
  const { rows } = await ex.query(
    `WITH ${next}
     INSERT INTO ${codec.table} (${codec.columns.map((c) => c.column).join(', ')})
     SELECT ${select.join(', ')} FROM next
     RETURNING ${codec.select}`,
    [tenantId, parentId, ...values],
  );
  return rows[0] ? codec.fromRow(rows[0]) : null;
}
