import { AuroraError } from '@aurora-rca/core';

/** SQLSTATE codes this package maps; everything else becomes `INTERNAL`. */
const CONFLICT_CODES = new Set([
  '23505', // unique_violation
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const INVALID_CODES = new Set(['22P02', '22007', '22008', '22003', '22023', '23502', '23514']);

/**
 * Translate a `pg` error into an {@link AuroraError}: unique violations (a concurrent writer
 * won) become `CONFLICT`, bad values `INVALID_INPUT`, lost connections `UPSTREAM`.
 * An `AuroraError` passes through unchanged.
 */
export function toAuroraError(error: unknown): AuroraError {
  if (AuroraError.isInstance(error)) return error;
  const e = error as { code?: string; message?: string; constraint?: string; detail?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = e?.message ?? String(error);
  if (CONFLICT_CODES.has(code)) {
    return new AuroraError('CONFLICT', `PostgreSQL: ${message}`, {
      cause: error,
      details: { sqlState: code, ...(e.constraint ? { constraint: e.constraint } : {}) },
    });
  }
  if (INVALID_CODES.has(code)) {
    return new AuroraError('INVALID_INPUT', `PostgreSQL rejected a value: ${message}`, {
      cause: error,
      details: { sqlState: code },
    });
  }
  if (
    code.startsWith('08') ||
    code === '57P01' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code)
  ) {
    return new AuroraError('UPSTREAM', `PostgreSQL unavailable: ${message}`, {
      cause: error,
      details: { sqlState: code },
    });
  }
  return new AuroraError('INTERNAL', `PostgreSQL error: ${message}`, {
    cause: error,
    ...(code ? { details: { sqlState: code } } : {}),
  });
}
