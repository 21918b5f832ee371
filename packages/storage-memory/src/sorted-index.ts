/**
 * Entries `(key, id)` kept sorted ascending by key, then id. Backed by two parallel
 * arrays: binary search for lookups, `splice` for inserts and removals (a memmove, cheap
 * even at 100,000 entries). Keys are epoch milliseconds so ISO strings with and without
 * milliseconds order correctly.
 */
export class SortedIndex {
  private readonly keys: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** First position whose entry is ≥ (key, id). */
  private lowerBound(key: number, id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid]!;
      if (k < key || (k === key && this.ids[mid]! < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: number, id: string): void {
    const at = this.lowerBound(key, id);
    this.keys.splice(at, 0, key);
    this.ids.splice(at, 0, id);
  }

  /** Remove the entry; false when it was not there. */
  remove(key: number, id: string): boolean {
    const at = this.lowerBound(key, id);
    if (this.keys[at] !== key || this.ids[at] !== id) return false;
    this.keys.splice(at, 1);
    this.ids.splice(at, 1);
    return true;
  }

  /**
   * Entries in descending order, starting strictly before `before` (all when omitted) and
   * stopping below `min` (inclusive bound).
   */
  *descending(options: { before?: { key: number; id: string }; min?: number } = {}): Generator<{
    key: number;
    id: string;
  }> {
    const { before, min = Number.NEGATIVE_INFINITY } = options;
    let i = before ? this.lowerBound(before.key, before.id) - 1 : this.ids.length - 1;
    for (; i >= 0; i--) {
      const key = this.keys[i]!;
      if (key < min) return;
      yield { key, id: this.ids[i]! };
    }
  }
}

/** Epoch ms of an ISO timestamp. */
export function timeKey(iso: string): number {
  return Date.parse(iso);
}

/** Descending order of `(key, id)` pairs: the comparator for merged index results. */
export function byKeyDesc(a: { key: number; id: string }, b: { key: number; id: string }): number {
  if (a.key !== b.key) return b.key - a.key;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
