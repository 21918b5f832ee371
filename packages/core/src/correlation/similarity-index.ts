import { cosine } from './vector.js';

interface Entry {
  vector: Float32Array;
  at: number;
  bucket: number;
}

interface TenantIndex {
  entries: Map<string, Entry>;
  buckets: Map<number, Set<string>>;
  latest: number;
}

/** One similar incident found by {@link SimilarityIndex.query}. */
export interface SimilarityHit {
  incidentId: string;
  score: number;
}

/**
 * In-memory index of open incidents' embeddings, partitioned by tenant and by time bucket
 * of their last alert. A query reads only the buckets inside the correlation window, so its
 * cost follows the number of incidents *active in the window*, not the number open.
 * Buckets older than `retainMs` behind the newest entry are dropped.
 *
 * It is a cache: it only knows incidents this process created or touched, and every hit is
 * re-read from storage before use. After a restart, candidates still come from
 * `storage.incidents.findActive`.
 */
export class SimilarityIndex {
  readonly #bucketMs: number;
  readonly #retainMs: number;
  readonly #tenants = new Map<string, TenantIndex>();

  constructor(options: { bucketMs: number; retainMs?: number }) {
    this.#bucketMs = Math.max(1000, options.bucketMs);
    this.#retainMs = options.retainMs ?? options.bucketMs * 3;
  }

  /** Add or move an incident (`at` = its `lastAlertAt` in epoch ms). */
  upsert(tenantId: string, incidentId: string, vector: Float32Array, at: number): void {
    const t = this.#tenant(tenantId);
    this.remove(tenantId, incidentId);
    const bucket = Math.floor(at / this.#bucketMs);
    t.entries.set(incidentId, { vector, at, bucket });
    let set = t.buckets.get(bucket);
    if (!set) {
      set = new Set();
      t.buckets.set(bucket, set);
    }
    set.add(incidentId);
    if (at > t.latest) {
      t.latest = at;
      this.#prune(t);
    }
  }

  remove(tenantId: string, incidentId: string): void {
    const t = this.#tenants.get(tenantId);
    const e = t?.entries.get(incidentId);
    if (!t || !e) return;
    t.entries.delete(incidentId);
    const set = t.buckets.get(e.bucket);
    set?.delete(incidentId);
    if (set && set.size === 0) t.buckets.delete(e.bucket);
  }

  /** The cached vector of an incident, if indexed. */
  vector(tenantId: string, incidentId: string): Float32Array | undefined {
    return this.#tenants.get(tenantId)?.entries.get(incidentId)?.vector;
  }

  /** Incidents with a last alert at or after `since` and similarity ≥ `minScore`, best first. */
  query(
    tenantId: string,
    vector: Float32Array,
    since: number,
    limit: number,
    minScore: number,
  ): SimilarityHit[] {
    const t = this.#tenants.get(tenantId);
    if (!t) return [];
    const first = Math.floor(since / this.#bucketMs);
    const hits: SimilarityHit[] = [];
    for (const [bucket, ids] of t.buckets) {
      if (bucket < first) continue;
      for (const id of ids) {
        const e = t.entries.get(id)!;
        if (e.at < since) continue;
        const score = cosine(vector, e.vector);
        if (score >= minScore) hits.push({ incidentId: id, score });
      }
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  /** Number of indexed incidents (all tenants). */
  get size(): number {
    let n = 0;
    for (const t of this.#tenants.values()) n += t.entries.size;
    return n;
  }

  #tenant(tenantId: string): TenantIndex {
    let t = this.#tenants.get(tenantId);
    if (!t) {
      t = { entries: new Map(), buckets: new Map(), latest: 0 };
      this.#tenants.set(tenantId, t);
    }
    return t;
  }

  #prune(t: TenantIndex): void {
    const oldest = Math.floor((t.latest - this.#retainMs) / this.#bucketMs);
    for (const [bucket, ids] of t.buckets) {
      if (bucket >= oldest) continue;
      for (const id of ids) t.entries.delete(id);
      t.buckets.delete(bucket);
    }
  }
}
