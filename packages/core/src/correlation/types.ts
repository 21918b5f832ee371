import type { Alert, CorrelationStrategyName, Incident, StoredAlert } from '../model/index.js';
import type { ServiceNeighbour } from '../spec/topology.js';
import type { CorrelationOptions } from './options.js';

/** What one strategy says about one (alert, incident) pair. */
export interface StrategyResult {
  /** 0 (no evidence) … 1 (strong evidence). */
  score: number;
  /** A sentence a person can read on the incident page. */
  reason: string;
  /**
   * The name recorded as the alert's principal strategy when this result contributes most
   * (the service strategy reports `topology` for a neighbour match). Defaults to the
   * strategy's own name.
   */
  as?: CorrelationStrategyName;
}

/** The alert being correlated, with what the strategies need precomputed. */
export interface CorrelationSubject {
  alert: Alert;
  /** When the alert was received (epoch ms): the time windows are measured with it. */
  at: number;
  /** Embedding of the alert's text, unit length; `null` when similarity is disabled. */
  vector: Float32Array | null;
}

/** A candidate incident with its cached embedding. */
export interface CandidateIncident {
  incident: Incident;
  vector: Float32Array | null;
}

/** Per-alert context, fetched once before the candidates are scored. */
export interface StrategyContext {
  tenantId: string;
  options: CorrelationOptions;
  /** The alert's normalized service, `null` when empty or unknown. */
  service: string | null;
  /** Topology neighbours of the alert's service by normalized name (nearest kept). */
  neighbours: ReadonlyMap<string, ServiceNeighbour>;
  /** Changes (`kind: 'change'`) of the alert's service inside the change window, newest first. */
  recentChanges: readonly StoredAlert[];
}

/** Names of the scoring strategies; the keys of `CorrelationOptions.weights`. */
export type ScoringStrategyName = 'service' | 'time' | 'similarity' | 'change';

/**
 * A correlation strategy: a pure, synchronous scorer. Anything slow (topology, embeddings,
 * storage reads) is fetched into the {@link StrategyContext} or the candidate first, so a
 * strategy costs microseconds per candidate.
 */
export interface CorrelationStrategy {
  readonly name: ScoringStrategyName;
  score(subject: CorrelationSubject, candidate: CandidateIncident, context: StrategyContext): StrategyResult;
}
