import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { toUnitVector } from './vector.js';

/** Longest text sent to the embedder; alert descriptions can be whole log excerpts. */
const MAX_TEXT = 1000;

/**
 * Embeds texts through any LangChain `Embeddings` and keeps the unit vectors in a bounded
 * LRU keyed by the text itself, so an alert storm repeating one title costs one embedding
 * call. Misses of one call are sent as a single `embedDocuments` batch.
 */
export class EmbeddingCache {
  readonly #embeddings: EmbeddingsInterface;
  readonly #max: number;
  readonly #cache = new Map<string, Float32Array>();

  constructor(embeddings: EmbeddingsInterface, maxEntries = 10_000) {
    this.#embeddings = embeddings;
    this.#max = maxEntries;
  }

  /** Cached vector of a text, without calling the embedder. */
  peek(text: string): Float32Array | undefined {
    return this.#cache.get(clip(text));
  }

  /** Unit vectors of `texts`, in order. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const keys = texts.map(clip);
    const missing = [...new Set(keys.filter((k) => !this.#cache.has(k)))];
    if (missing.length > 0) {
      const vectors = await this.#embeddings.embedDocuments(missing);
      for (let i = 0; i < missing.length; i++) this.#set(missing[i]!, toUnitVector(vectors[i] ?? []));
    }
    return keys.map((k) => {
      const v = this.#cache.get(k) ?? new Float32Array(0);
      // Refresh recency.
      this.#cache.delete(k);
      this.#cache.set(k, v);
      return v;
    });
  }

  get size(): number {
    return this.#cache.size;
  }

  #set(key: string, value: Float32Array): void {
    this.#cache.set(key, value);
    while (this.#cache.size > this.#max) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
  }
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}
