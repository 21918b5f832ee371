import { AuroraError } from '@aurora-rca/core';

/** Opaque keyset cursor of the incident list: the last row's (`startedAt`, `id`). */
export function encodeCursor(startedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([startedAt, id]), 'utf8').toString('base64url');
}

/** @throws AuroraError `INVALID_INPUT` for a cursor this package did not make. */
export function decodeCursor(cursor: string): { startedAt: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { startedAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AuroraError('INVALID_INPUT', 'Invalid cursor', { details: { cursor } });
}
