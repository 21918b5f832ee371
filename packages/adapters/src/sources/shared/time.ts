import { isRecord } from './fields.js';

/** Unix seconds below this are read as seconds, at or above as milliseconds (≈ year 5138 in seconds). */
const MS_THRESHOLD = 1e11;

/**
 * Normalizes a vendor timestamp to ISO-8601 UTC, or `null` when it is missing, unparseable or
 * a "zero" time. Accepts ISO strings (any offset form V8 reads, e.g. `+0000`), and epoch
 * seconds or milliseconds as numbers or digit strings. Years outside 1970–9999 (Alertmanager's
 * `0001-01-01T00:00:00Z` "never", a 5-digit-year typo) give `null`.
 */
export function toIso(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    ms = Math.abs(value) < MS_THRESHOLD ? value * 1000 : value;
  } else if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return null;
    if (/^-?\d+(\.\d+)?$/.test(s)) {
      const n = Number(s);
      ms = Math.abs(n) < MS_THRESHOLD ? n * 1000 : n;
    } else {
      ms = Date.parse(s);
    }
  } else {
    return null;
  }
  // Zero and negative epochs are "unset" markers (e.g. Dynatrace endTime -1), never real times.
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999) return null;
  return date.toISOString();
}

/** Reads `obj[key]` as a time, see {@link toIso}. */
export function timeField(obj: unknown, key: string): string | null {
  return isRecord(obj) ? toIso(obj[key]) : null;
}
