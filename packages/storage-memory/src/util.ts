import { AuroraError } from '@aurora-rca/core';

/** Deep copy on the way in and out, so callers never share objects with the store. */
export const copy = <T>(value: T): T => structuredClone(value);

/** A patch without `undefined` values (an absent field leaves the stored one alone). */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Composite map key; `\u0000` cannot appear in ids. */
export const key = (...parts: string[]): string => parts.join('\u0000');

export function conflict(message: string, details?: Record<string, unknown>): AuroraError {
  return new AuroraError('CONFLICT', message, details ? { details } : {});
}

/** A list limit: `fallback` when absent, clamped to 1..max. */
export function clampLimit(
  limit: number | undefined,
  fallback: number,
  max = Number.POSITIVE_INFINITY,
): number {
  if (limit === undefined || !Number.isFinite(limit)) return Math.min(fallback, max);
  return Math.max(1, Math.min(Math.floor(limit), max));
}

/** Epoch ms of an ISO timestamp argument, or `INVALID_INPUT`. */
export function parseTime(value: string, name: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AuroraError('INVALID_INPUT', `${name} is not a timestamp: ${value}`);
  return ms;
}

/** Validate a record built from a draft; schema errors become `INVALID_INPUT`. */
export function build<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error } },
  value: unknown,
  kind: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AuroraError('INVALID_INPUT', `Invalid ${kind}: ${result.error.message}`, {
      cause: result.error,
    });
  }
  return result.data;
}
