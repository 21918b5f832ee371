import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Correlator } from '../correlation/correlator.js';
import type { CorrelationOptionsInput } from '../correlation/options.js';
import type { MergeResponse, WebhookAcceptedResponse } from '../http/wire.js';
import type { AlertInput, Incident, IncidentPatch, Severity } from '../model/index.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { JobQueue } from '../spec/job-queue.js';
import type { Storage } from '../spec/storage.js';
import type { TopologyProvider } from '../spec/topology.js';
import type { Clock } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';

/** Callbacks into the rest of the engine. */
export interface LifecycleHooks {
  /** Called after an incident was resolved by any path (API, auto-resolve): generate the postmortem here. */
  incidentResolved?(incident: Incident): Promise<void>;
  /**
   * Called when a hook throws. The operation that ran the hook has already committed, so
   * the error is reported here instead of failing it. Without this, hook errors are dropped.
   */
  hookFailed?(error: unknown, context: { hook: 'incidentResolved'; incidentId: string }): void;
}

/** What the lifecycle operations need. */
export interface LifecycleDeps {
  storage: Storage;
  publisher: EventPublisher;
  /** Investigations are cancelled through it (merge, resolve). */
  queue?: JobQueue;
  clock: Clock;
  ids: IdGenerator;
  hooks?: LifecycleHooks;
  /** Kept current (resolved and merged incidents leave the similarity index). */
  correlator?: Correlator;
}

/** What {@link createIngestPipeline} needs. */
export interface IngestPipelineDeps extends Omit<LifecycleDeps, 'correlator'> {
  /** Correlation options (strict). Defaults are documented on `CorrelationOptions`. */
  correlation?: CorrelationOptionsInput;
  /** Any LangChain embeddings; default the local lexical embedder; `null` disables similarity. */
  embeddings?: EmbeddingsInterface | null;
  /**
   * Told when the embedder or the topology provider fails. Alerts are never lost to such an
   * outage: correlation goes on without similarity (or neighbours) for them.
   */
  onCorrelationError?: (error: unknown, context: { stage: 'embeddings' | 'topology' }) => void;
  topology?: TopologyProvider;
  /**
   * Resolve an incident once every one of its alerts is resolved.
   * @default true
   */
  autoResolve?: boolean;
}

/** One batch of parsed alerts (one webhook delivery). */
export interface IngestRequest {
  tenantId: string;
  integrationId?: string | null;
  /** Alerts as an `AlertSource` parsed them; validated with the `Alert` schema. */
  alerts: AlertInput[];
  /** Investigate vendor test notifications too. @default false */
  investigateTestAlerts?: boolean;
}

/** `POST /api/incidents`: an incident opened by a person. */
export interface OpenIncidentInput {
  tenantId: string;
  title: string;
  description?: string;
  severity?: Severity;
  service?: string;
  environment?: string;
}

export interface ResolveOptions {
  /** Who resolved it (user id, `aurora` for auto-resolve); noted on the timeline. */
  by?: string | null;
  reason?: string;
  /** Only resolve when no alert is still firing (auto-resolve). Otherwise a no-op. */
  whenAllAlertsResolved?: boolean;
}

/** Incident state changes that have rules: every path goes through these. */
export interface Lifecycle {
  /**
   * Resolve an open incident: sets `resolvedAt`, deactivates its alerts (a later alert with
   * the same fingerprint starts afresh), cancels its investigation, publishes, then calls
   * `hooks.incidentResolved`. Resolving a resolved incident returns it unchanged.
   * @throws AuroraError `NOT_FOUND`, `INVALID_TRANSITION` (a merged incident)
   */
  resolveIncident(tenantId: string, id: string, options?: ResolveOptions): Promise<Incident>;
  /**
   * Patch an incident. A status change is checked against the lifecycle; `resolved` goes
   * through {@link Lifecycle.resolveIncident}; `merged` only through {@link Lifecycle.merge}.
   * @throws AuroraError `NOT_FOUND`, `INVALID_TRANSITION`, `INVALID_INPUT`
   */
  updateIncident(
    tenantId: string,
    id: string,
    patch: IncidentPatch,
    options?: { by?: string | null },
  ): Promise<Incident>;
  /**
   * Merge `sourceId` into `targetId`: cancels the source's investigation, moves all its
   * alerts and suggestions, recomputes the target, notes the merge and the source's findings
   * on the target's timeline, marks the source `merged`. Concurrent merges are serialized by
   * version checks: of two conflicting merges exactly one succeeds.
   * @throws AuroraError `INVALID_INPUT` (self-merge), `INVALID_TRANSITION` (source or target
   * merged or resolved), `NOT_FOUND`
   */
  merge(
    tenantId: string,
    sourceId: string,
    targetId: string,
    options?: { by?: string | null },
  ): Promise<MergeResponse>;
}

/** The ingest pipeline plus the lifecycle operations it shares with the engine. */
export interface IngestPipeline extends Lifecycle {
  /**
   * Dedup, correlate, persist (one transaction), publish, enqueue investigations.
   * @throws AuroraError `INVALID_INPUT` when an alert does not match the `Alert` schema
   */
  ingest(request: IngestRequest): Promise<WebhookAcceptedResponse>;
  /** Open an incident from free text (`origin: 'manual'`) and enqueue its investigation. */
  openIncident(input: OpenIncidentInput): Promise<Incident>;
  /** The correlator (options, similarity index), for inspection and tests. */
  readonly correlator: Correlator;
}
