import { Embeddings } from '@langchain/core/embeddings';

/** Options of {@link lexicalEmbeddings}. */
export interface LexicalEmbeddingsOptions {
  /**
   * Vector length. Larger means fewer hash collisions and more memory per cached vector.
   * @default 512
   */
  dimensions?: number;
  /**
   * Weight of character trigrams relative to whole words. Trigrams make `timeout` and
   * `timeouts`, `db-01` and `db-02` close.
   * @default 0.5
   */
  trigramWeight?: number;
}

/**
 * A local, deterministic embedder for alert text: hashed word and character-trigram term
 * frequencies (feature hashing with a sign bit), unit length. Needs no model, no network and
 * no warm-up, so it is the default for the similarity strategy; numbers are folded to `#` so
 * `CPU at 91%` and `CPU at 97%` embed alike. It captures wording, not meaning: plug in any
 * LangChain `Embeddings` (OpenAI, Ollama, …) for semantic similarity.
 */
export class LexicalEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly trigramWeight: number;

  constructor(options: LexicalEmbeddingsOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? 512;
    this.trigramWeight = options.trigramWeight ?? 0.5;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 8) {
      throw new RangeError('LexicalEmbeddings dimensions must be an integer ≥ 8');
    }
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }

  /** Synchronous form of {@link embedQuery}. */
  embed(text: string): number[] {
    const v = new Array<number>(this.dimensions).fill(0);
    const words = lexicalTokens(text);
    for (const w of words) {
      add(v, w, 1);
      if (this.trigramWeight > 0 && w.length > 3) {
        const padded = ` ${w} `;
        for (let i = 0; i + 3 <= padded.length; i++) add(v, `#${padded.slice(i, i + 3)}`, this.trigramWeight);
      }
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    return norm > 0 ? v.map((x) => x / norm) : v;
  }
}

/**
 * Create the default local embedder.
 * @example
 * ```ts
 * const pipeline = createIngestPipeline({ ...deps, embeddings: lexicalEmbeddings({ dimensions: 256 }) });
 * ```
 */
export function lexicalEmbeddings(options: LexicalEmbeddingsOptions = {}): LexicalEmbeddings {
  return new LexicalEmbeddings(options);
}

/** Lower-cased words of letters/digits; digit runs become `#`. */
export function lexicalTokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\d+(?:[.,]\d+)*/g, '#')
      .match(/[\p{L}\p{N}#_]+/gu) ?? []
  ).filter((w) => w !== '#');
}

function add(v: number[], feature: string, weight: number): void {
  const h = fnv1a(feature);
  const i = (h >>> 1) % v.length;
  v[i] = v[i]! + (h & 1 ? weight : -weight);
}

/** 32-bit FNV-1a. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
