import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Alert, Incident, StoredAlert } from '../model/index.js';
import type { StorageRepositories } from '../spec/storage.js';
import type { ServiceNeighbour, TopologyProvider } from '../spec/topology.js';
import { changeProximityStrategy } from './change-strategy.js';
import { type CorrelationDecision, decide, evaluateCandidates } from './combiner.js';
import { EmbeddingCache } from './embedding-cache.js';
import { lexicalEmbeddings } from './lexical-embeddings.js';
import {
  type CorrelationOptions,
  type CorrelationOptionsInput,
  resolveCorrelationOptions,
} from './options.js';
import { normalizeService } from './service-name.js';
import { serviceStrategy } from './service-strategy.js';
import { SimilarityIndex } from './similarity-index.js';
import { similarityStrategy } from './similarity-strategy.js';
import { timeWindowStrategy } from './time-strategy.js';
import type { CandidateIncident, CorrelationStrategy, CorrelationSubject, StrategyContext } from './types.js';

/** Below this similarity the index does not even propose a candidate. */
const INDEX_MIN_SCORE = 0.25;

/** What {@link createCorrelator} needs. */
export interface CorrelatorOptions {
  /** Strategy weights, threshold, window, … (validated strictly). */
  correlation?: CorrelationOptionsInput;
  /**
   * Any LangChain embeddings. Default: {@link lexicalEmbeddings} (local, no network).
   * `null` disables the similarity strategy.
   */
  embeddings?: EmbeddingsInterface | null;
  /** Service graph for neighbour matches. */
  topology?: TopologyProvider;
  /** Replace the built-in strategies (advanced). @default service, time, similarity, change */
  strategies?: CorrelationStrategy[];
  /** Size of the text → vector LRU. @default 10_000 */
  embeddingCacheSize?: number;
  /**
   * Told when the embedder or the topology provider fails. Correlation then goes on without
   * similarity (or without neighbours) for the alerts concerned.
   */
  onCorrelationError?: (error: unknown, context: { stage: 'embeddings' | 'topology' }) => void;
}

/** An alert prepared outside the storage transaction (embedding, topology fetched). */
export interface PreparedAlert extends CorrelationSubject {
  tenantId: string;
  service: string | null;
  neighbours: ReadonlyMap<string, ServiceNeighbour>;
}

/** The text an alert is embedded from. */
export function alertText(alert: Pick<Alert, 'title' | 'description'>): string {
  return alert.description ? `${alert.title}\n${alert.description}` : alert.title;
}

/** The text an incident is embedded from (its title and description come from its first alert). */
export function incidentText(incident: Pick<Incident, 'title' | 'description'>): string {
  return incident.description ? `${incident.title}\n${incident.description}` : incident.title;
}

/**
 * The correlation engine: prepares alerts (embeddings, topology) and decides, per alert,
 * whether it joins an open incident. Holds the embedding cache and the similarity index, so
 * one instance should live as long as the pipeline.
 */
export class Correlator {
  readonly options: CorrelationOptions;
  readonly index: SimilarityIndex;
  readonly #cache: EmbeddingCache | null;
  readonly #topology: TopologyProvider | undefined;
  readonly #strategies: CorrelationStrategy[];
  readonly #onError: CorrelatorOptions['onCorrelationError'];

  constructor(options: CorrelatorOptions = {}) {
    this.options = resolveCorrelationOptions(options.correlation);
    const embeddings = options.embeddings === undefined ? lexicalEmbeddings() : options.embeddings;
    this.#cache =
      embeddings && this.options.weights.similarity > 0
        ? new EmbeddingCache(embeddings, options.embeddingCacheSize)
        : null;
    this.#topology = options.topology;
    this.#onError = options.onCorrelationError;
    this.#strategies = options.strategies ?? [
      serviceStrategy(),
      timeWindowStrategy(),
      similarityStrategy(),
      changeProximityStrategy(),
    ];
    this.index = new SimilarityIndex({ bucketMs: this.options.windowMs });
  }

  /**
   * Fetch what is slow (embeddings, topology) before the storage transaction opens, so the
   * transaction never waits on a model or a service graph.
   */
  async prepare(tenantId: string, alerts: readonly Alert[], at: number): Promise<PreparedAlert[]> {
    const vectors = await this.#embed(alerts.map(alertText));
    const neighbourCache = new Map<string, Promise<ReadonlyMap<string, ServiceNeighbour>>>();
    return Promise.all(
      alerts.map(async (alert, i) => {
        const service = normalizeService(alert.service);
        let neighbours: ReadonlyMap<string, ServiceNeighbour> = new Map();
        if (service && this.#topology) {
          let p = neighbourCache.get(service);
          if (!p) {
            p = this.#neighbours(tenantId, service);
            neighbourCache.set(service, p);
          }
          neighbours = await p;
        }
        return { tenantId, alert, at, vector: vectors[i] ?? null, service, neighbours };
      }),
    );
  }

  /**
   * Decide for one prepared alert. Reads candidates only through
   * `incidents.findActive` (service lookup and recent lookup, both bounded by the window and
   * `candidateLimit`) and the similarity index, plus `extra` (incidents created or changed
   * earlier in the same batch, not yet indexed).
   */
  async correlate(
    repos: StorageRepositories,
    subject: PreparedAlert,
    extra: readonly Incident[] = [],
  ): Promise<CorrelationDecision & { recentChanges: StoredAlert[] }> {
    const { tenantId, service, at } = subject;
    const { windowMs, candidateLimit, changeWindowMs } = this.options;
    const since = new Date(at - windowMs).toISOString();
    const byId = new Map<string, Incident>();
    const lookups: Promise<Incident[]>[] = [
      repos.incidents.findActive(tenantId, { since, limit: candidateLimit }),
    ];
    if (service) {
      const services = [service, ...subject.neighbours.keys()];
      lookups.push(repos.incidents.findActive(tenantId, { since, services, limit: candidateLimit }));
    }
    for (const list of await Promise.all(lookups)) for (const i of list) byId.set(i.id, i);
    if (subject.vector) {
      const hits = this.index.query(tenantId, subject.vector, at - windowMs, candidateLimit, INDEX_MIN_SCORE);
      const missing = hits.filter((h) => !byId.has(h.incidentId));
      const loaded = await Promise.all(missing.map((h) => repos.incidents.get(tenantId, h.incidentId)));
      for (const i of loaded) if (i) byId.set(i.id, i);
    }
    for (const i of extra) byId.set(i.id, i);

    const recentChanges = service
      ? await repos.alerts.listRecent(tenantId, {
          since: new Date(at - changeWindowMs).toISOString(),
          kind: 'change',
          services: [...new Set([subject.alert.service?.trim() ?? service, service])],
          limit: candidateLimit,
        })
      : [];

    const candidates = await this.#withVectors(tenantId, [...byId.values()]);
    const context: StrategyContext = {
      tenantId,
      options: this.options,
      service,
      neighbours: subject.neighbours,
      recentChanges,
    };
    const evaluations = evaluateCandidates(subject, candidates, this.#strategies, context);
    return { ...decide(evaluations, context), recentChanges };
  }

  /** Keep the similarity index current after a commit (new incident, new last alert). */
  async track(incident: Incident, vector?: Float32Array | null): Promise<void> {
    if (!this.#cache) return;
    if (incident.status !== 'investigating' && incident.status !== 'analyzed') {
      this.index.remove(incident.tenantId, incident.id);
      return;
    }
    const v =
      vector ??
      this.index.vector(incident.tenantId, incident.id) ??
      (await this.#embed([incidentText(incident)]))[0];
    if (v) this.index.upsert(incident.tenantId, incident.id, v, Date.parse(incident.lastAlertAt));
  }

  /** Drop a resolved or merged incident from the index. */
  forget(tenantId: string, incidentId: string): void {
    this.index.remove(tenantId, incidentId);
  }

  async #withVectors(tenantId: string, incidents: Incident[]): Promise<CandidateIncident[]> {
    const cache = this.#cache;
    if (!cache) return incidents.map((incident) => ({ incident, vector: null }));
    const vectors = incidents.map((i) => this.index.vector(tenantId, i.id) ?? cache.peek(incidentText(i)));
    const cold = incidents.filter((_, k) => !vectors[k]);
    if (cold.length > 0) {
      const embedded = await this.#embed(cold.map(incidentText));
      let j = 0;
      for (let k = 0; k < vectors.length; k++) if (!vectors[k]) vectors[k] = embedded[j++];
    }
    return incidents.map((incident, k) => ({ incident, vector: vectors[k] ?? null }));
  }

  /**
   * Embed through the cache. An embedder failure (a remote model down) must never lose an
   * alert: it is reported to `onCorrelationError` and the texts get no vector, so the
   * similarity strategy scores 0 and the other strategies decide.
   */
  async #embed(texts: string[]): Promise<(Float32Array | undefined)[]> {
    if (!this.#cache || texts.length === 0) return [];
    try {
      return await this.#cache.embed(texts);
    } catch (error) {
      this.#onError?.(error, { stage: 'embeddings' });
      return [];
    }
  }

  async #neighbours(tenantId: string, service: string): Promise<ReadonlyMap<string, ServiceNeighbour>> {
    const out = new Map<string, ServiceNeighbour>();
    let neighbours: ServiceNeighbour[];
    try {
      neighbours = await this.#topology!.neighbours(tenantId, service);
    } catch (error) {
      // A service graph outage must not stop ingestion: correlate without neighbours.
      this.#onError?.(error, { stage: 'topology' });
      return out;
    }
    for (const n of neighbours) {
      const name = normalizeService(n.service);
      if (!name || name === service || n.distance < 1 || n.distance > this.options.topology.maxDistance)
        continue;
      const prev = out.get(name);
      if (!prev || n.distance < prev.distance) out.set(name, { ...n, service: name });
    }
    return out;
  }
}

/**
 * Create a correlator.
 * @example
 * ```ts
 * const correlator = createCorrelator({ correlation: { windowMs: 10 * 60_000, threshold: 0.5 } });
 * ```
 */
export function createCorrelator(options: CorrelatorOptions = {}): Correlator {
  return new Correlator(options);
}
