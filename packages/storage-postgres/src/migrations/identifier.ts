import { AuroraError } from '@aurora-rca/core';

/** The schema Aurora's tables live in unless told otherwise. */
export const DEFAULT_SCHEMA = 'aurora';

/**
 * Validate a schema name and return it double-quoted for SQL. Only plain identifiers are
 * accepted (letters, digits, `_`, at most 63 bytes), so the name can never inject SQL.
 * @throws AuroraError `INVALID_INPUT`
 */
export function quoteSchema(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new AuroraError('INVALID_INPUT', `Invalid PostgreSQL schema name: ${JSON.stringify(schema)}`);
  }
  return `"${schema}"`;
}
