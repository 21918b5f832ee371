interface Chunk {
  keys: number[];
  ids: string[];
}

/** Order of `(key, id)` pairs: negative when a < b. */
function compare(aKey: number, aId: string, bKey: number, bId: string): number {
  if (aKey !== bKey) return aKey - bKey;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

/** First position in `chunk` whose entry is ≥ (key, id). */
function lowerBound(chunk: Chunk, key: number, id: string): number {
  let lo = 0;
  let hi = chunk.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(chunk.keys[mid]!, chunk.ids[mid]!, key, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Entries `(key, id)` kept sorted ascending by key, then id. Keys are epoch milliseconds,
 * so ISO strings with and without milliseconds order correctly.
 *
 * Stored as a list of sorted chunks (at most `2 × chunkSize` entries each): inserts and
 * removals splice one small chunk instead of a 100,000-entry array, lookups are two binary
 * searches, and descending scans walk chunks backwards.
 */
export class SortedIndex {
  private readonly chunks: Chunk[] = [];
  private count = 0;

  constructor(private readonly chunkSize = 256) {}

  get size(): number {
    return this.count;
  }

  /** First chunk whose last entry is ≥ (key, id); `chunks.length` when none is. */
  private chunkFor(key: number, id: string): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      const last = chunk.ids.length - 1;
      if (compare(chunk.keys[last]!, chunk.ids[last]!, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: number, id: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], ids: [id] });
      this.count = 1;
      return;
    }
    const at = Math.min(this.chunkFor(key, id), this.chunks.length - 1);
    const chunk = this.chunks[at]!;
    const pos = lowerBound(chunk, key, id);
    chunk.keys.splice(pos, 0, key);
    chunk.ids.splice(pos, 0, id);
    this.count += 1;
    if (chunk.ids.length > 2 * this.chunkSize) {
      const half = chunk.ids.length >>> 1;
      const right: Chunk = { keys: chunk.keys.splice(half), ids: chunk.ids.splice(half) };
      this.chunks.splice(at + 1, 0, right);
    }
  }

  /** Remove the entry; false when it was not there. */
  remove(key: number, id: string): boolean {
    const at = this.chunkFor(key, id);
    const chunk = this.chunks[at];
    if (!chunk) return false;
    const pos = lowerBound(chunk, key, id);
    if (chunk.keys[pos] !== key || chunk.ids[pos] !== id) return false;
    chunk.keys.splice(pos, 1);
    chunk.ids.splice(pos, 1);
    this.count -= 1;
    if (chunk.ids.length === 0) this.chunks.splice(at, 1);
    return true;
  }

  /**
   * Entries in descending order, starting strictly before `before` (from the largest when
   * omitted) and stopping below `min` (inclusive bound).
   */
  *descending(options: { before?: { key: number; id: string }; min?: number } = {}): Generator<{
    key: number;
    id: string;
  }> {
    const { before, min = Number.NEGATIVE_INFINITY } = options;
    let at = this.chunks.length - 1;
    let pos = (this.chunks[at]?.ids.length ?? 0) - 1;
    if (before) {
      const found = this.chunkFor(before.key, before.id);
      if (found < this.chunks.length) {
        at = found;
        pos = lowerBound(this.chunks[at]!, before.key, before.id) - 1;
      }
    }
    while (at >= 0) {
      const chunk = this.chunks[at]!;
      for (; pos >= 0; pos--) {
        const key = chunk.keys[pos]!;
        if (key < min) return;
        yield { key, id: chunk.ids[pos]! };
      }
      at -= 1;
      pos = (this.chunks[at]?.ids.length ?? 0) - 1;
    }
  }
}

/** Epoch ms of an ISO timestamp. */
export function timeKey(iso: string): number {
  return Date.parse(iso);
}

/** Descending order of `(key, id)` pairs: the comparator for merged index results. */
export function byKeyDesc(a: { key: number; id: string }, b: { key: number; id: string }): number {
  return compare(b.key, b.id, a.key, a.id);
}
