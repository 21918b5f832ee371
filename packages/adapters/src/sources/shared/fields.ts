/**
 * Lenient readers for outside data. Webhook payloads are user-templated and vendor-versioned,
 * so every reader accepts `unknown` and answers `undefined` rather than throwing.
 */

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string from a string, number or boolean; `undefined` otherwise. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The first key of `obj` (in the given order) holding a usable string. */
export function firstStr(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const v = str(obj[key]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A value as a label string: scalars as-is, objects and arrays as compact JSON. */
export function labelValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** A JSON object's entries as string labels; nulls dropped. Non-objects give `{}`. */
export function toLabels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const s = labelValue(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * Parses `key:value` tags (Datadog `env:prod,service:api`, Dynatrace `a, b:c`) into labels.
 * A bare tag becomes a label with an empty value; a repeated key joins its values with `,`.
 */
export function parseTags(value: unknown, separator = ','): Record<string, string> {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(separator) : [];
  const out: Record<string, string> = {};
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const tag = item.trim();
    if (tag === '') continue;
    const i = tag.indexOf(':');
    const key = (i < 0 ? tag : tag.slice(0, i)).trim();
    const val = i < 0 ? '' : tag.slice(i + 1).trim();
    if (key === '') continue;
    const prev = out[key];
    out[key] = prev === undefined || prev === '' ? val : val === '' ? prev : `${prev},${val}`;
  }
  return out;
}

/** The first of `names` present (non-empty) in `labels`. Matching is exact, then case-insensitive. */
export function pickLabel(labels: Record<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const v = labels[name];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(labels)) if (v.trim() !== '') lower.set(k.toLowerCase(), v.trim());
  for (const name of names) {
    const v = lower.get(name.toLowerCase());
    if (v !== undefined) return v;
  }
  return null;
}

/**
 * A short, stable, non-cryptographic hash (FNV-1a, 64 bits as 16 hex chars) for deriving
 * fingerprints where the vendor gives no key. Synchronous so `parse` stays synchronous.
 */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Hash of a label set that does not depend on key order. */
export function labelsHash(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return stableHash(keys.map((k) => `${k}=${labels[k]}`).join('\u0000'));
}
