/** Matches `[3]` and `[3, 5]` style citations. */
const CITATION = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** Outcome of {@link enforceCitations}. */
export interface CitationCheck {
  text: string;
  /** Keys that were cited but not allowed, in first-seen order. */
  removed: string[];
}

/**
 * Keep only citations of allowed keys (the incident's citations whose status is `ok`).
 * An invalid key is removed from its bracket; a bracket left empty is dropped. The model
 * is asked to cite only `ok` keys, but this is the enforcement.
 *
 * @example
 * ```ts
 * enforceCitations('OOMKilled [1, 2] per logs [3].', new Set(['1'])) // → 'OOMKilled [1] per logs.'
 * ```
 */
export function enforceCitations(text: string, allowed: ReadonlySet<string>): CitationCheck {
  const removed: string[] = [];
  const out = text.replace(CITATION, (_match, list: string) => {
    const keys = list.split(',').map((k) => k.trim());
    const kept = keys.filter((k) => allowed.has(k));
    for (const k of keys) if (!allowed.has(k) && !removed.includes(k)) removed.push(k);
    return kept.length > 0 ? `[${kept.join(', ')}]` : '\u0000';
  });
  // Drop the whitespace before a removed bracket so "logs [3]." becomes "logs.".
  return { text: out.replace(/[ \t]*\u0000/g, ''), removed };
}

/** Every key cited in `text`, deduplicated, in order. */
export function citedKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    for (const k of (m[1] ?? '').split(',')) {
      const key = k.trim();
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}
