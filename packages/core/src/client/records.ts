/**
 * Immutable list helpers for records streamed over SSE. They keep the identity of every
 * record that did not change, so memoized UI rows skip re-rendering.
 */

/** Compares sequence-like keys: numeric when both are numbers ("2" < "10"), else as strings. */
export function compareKeys(a: string | number, b: string | number): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Inserts or replaces `incoming` records (matched by `id`) in an array ordered by
 * `orderOf`. Returns `list` itself when nothing changed. The common case — records arriving
 * in order after the last one — appends without re-sorting.
 *
 * @param replace decides whether an incoming record replaces an existing one with the same
 * id; immutable records (thoughts, citations) keep the existing object.
 */
export function upsertOrdered<T extends { id: string }>(
  list: readonly T[],
  incoming: readonly T[],
  orderOf: (item: T) => string | number,
  replace: (existing: T, next: T) => boolean = () => true,
): T[] {
  if (incoming.length === 0) return list as T[];
  let next: T[] | null = null;
  let index: Map<string, number> | null = null;
  let needsSort = false;
  for (const item of incoming) {
    const current: readonly T[] = next ?? list;
    index ??= new Map(current.map((r, i) => [r.id, i]));
    const at = index.get(item.id);
    if (at !== undefined) {
      const existing = current[at] as T;
      if (existing === item || !replace(existing, item)) continue;
      next ??= [...list];
      next[at] = item;
      if (compareKeys(orderOf(existing), orderOf(item)) !== 0) needsSort = true;
      continue;
    }
    next ??= [...list];
    const last = next[next.length - 1];
    if (last !== undefined && compareKeys(orderOf(last), orderOf(item)) > 0) needsSort = true;
    index.set(item.id, next.length);
    next.push(item);
  }
  if (!next) return list as T[];
  if (needsSort) next.sort((a, b) => compareKeys(orderOf(a), orderOf(b)));
  return next;
}

/** Replaces a whole list from a refetch, reusing existing objects for ids whose record is immutable. */
export function reconcile<T extends { id: string }>(
  previous: readonly T[],
  fresh: readonly T[],
  immutable: boolean,
): T[] {
  if (!immutable) return [...fresh];
  const byId = new Map(previous.map((r) => [r.id, r]));
  return fresh.map((r) => byId.get(r.id) ?? r);
}
