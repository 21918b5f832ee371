/**
 * Mapping between records (camelCase, ISO timestamps) and rows (snake_case, timestamptz,
 * JSON). Each table declares its columns once; inserts, patches and row decoding derive from
 * that declaration, so repositories are mostly SQL.
 */

/** How a field is stored. `json` keeps the text exactly (raw payloads); `jsonb` is queryable. */
export type ColumnKind = 'text' | 'int' | 'float' | 'bool' | 'ts' | 'json' | 'jsonb' | 'textArray';

export interface Column {
  field: string;
  column: string;
  kind: ColumnKind;
  /** Omit the field from the record when the column is SQL NULL (for `.optional()` fields). */
  optional?: boolean;
}

const PG_TYPES: Record<ColumnKind, string> = {
  text: 'text',
  int: 'integer',
  float: 'double precision',
  bool: 'boolean',
  ts: 'timestamptz',
  json: 'json',
  jsonb: 'jsonb',
  textArray: 'text[]',
};

/** The PostgreSQL type a kind is stored as (used for parameter casts). */
export function pgType(kind: ColumnKind): string {
  return PG_TYPES[kind];
}

/** `fooBar` → `foo_bar`. */
function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Shorthand column declaration: `col('startedAt', 'ts')`. */
export function col(
  field: string,
  kind: ColumnKind,
  options: { column?: string; optional?: boolean } = {},
): Column {
  return {
    field,
    column: options.column ?? snake(field),
    kind,
    ...(options.optional ? { optional: true } : {}),
  };
}

/** PostgreSQL rejects NUL in text; it is replaced, so one odd byte never loses a whole record. */
function cleanText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** `\u0000` not preceded by an escaping backslash. */
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** Encode one value as a query parameter. */
export function encode(kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) {
    return kind === 'json' && value === null ? 'null' : null;
  }
  switch (kind) {
    case 'json':
    case 'jsonb':
      // `jsonb` rejects the escaped NUL (`json` keeps it), so only there it is replaced.
      return kind === 'jsonb'
        ? JSON.stringify(value).replace(ESCAPED_NUL, '$1\\ufffd')
        : JSON.stringify(value);
    case 'text':
      return cleanText(String(value));
    case 'textArray':
      return (value as unknown[]).map((v) => cleanText(String(v)));
    default:
      return value;
  }
}

/** Decode one column value read with {@link TableCodec.select}. */
export function decode(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'ts':
      return new Date(value as string | Date).toISOString();
    case 'json':
    case 'jsonb':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'int':
    case 'float':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}

/** Generated SQL fragments and converters for one table. */
export interface TableCodec<T> {
  readonly table: string;
  readonly columns: readonly Column[];
  /** Select list; JSON columns are read as text so their decoding does not depend on pool type parsers. */
  readonly select: string;
  /** `INSERT … ON CONFLICT DO NOTHING RETURNING …`: zero rows back means a unique key exists. */
  readonly insertSql: string;
  values(record: T): unknown[];
  fromRow(row: Record<string, unknown>): T;
  /**
   * `SET` assignments for the patch's known, defined fields, numbered from `firstParam`.
   * Fields in `exclude` (ids, managed columns) are ignored.
   */
  patch(
    patch: Record<string, unknown>,
    firstParam: number,
    exclude?: readonly string[],
  ): { sets: string[]; params: unknown[] };
}

/** Build the codec of a table (`table` is already schema-qualified and quoted). */
export function tableCodec<T>(table: string, columns: readonly Column[]): TableCodec<T> {
  const select = columns
    .map((c) => (c.kind === 'json' || c.kind === 'jsonb' ? `${c.column}::text AS ${c.column}` : c.column))
    .join(', ');
  const placeholders = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c.kind]}`).join(', ');
  const insertSql = `INSERT INTO ${table} (${columns.map((c) => c.column).join(', ')}) VALUES (${placeholders}) ON CONFLICT DO NOTHING RETURNING ${select}`;
  return {
    table,
    columns,
    select,
    insertSql,
    values: (record) => columns.map((c) => encode(c.kind, (record as Record<string, unknown>)[c.field])),
    fromRow(row) {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const value = row[c.column];
        if (c.optional && (value === null || value === undefined)) continue;
        out[c.field] = decode(c.kind, value);
      }
      return out as T;
    },
    patch(patch, firstParam, exclude = []) {
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const c of columns) {
        if (exclude.includes(c.field) || !(c.field in patch)) continue;
        const value = patch[c.field];
        if (value === undefined) continue;
        params.push(encode(c.kind, value));
        sets.push(`${c.column} = $${firstParam + params.length - 1}::${PG_TYPES[c.kind]}`);
      }
      return { sets, params };
    },
  };
}

/** Clamp a caller's `limit` to `[1, max]`, using `fallback` when absent. */
export function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(1, Math.floor(limit)), max);
}
