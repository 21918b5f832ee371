import type { AuroraError } from '../errors.js';
import type { IncidentDetailResponse } from '../http/wire.js';
import type { IncidentEvent } from '../model/event.js';
import type { PullRequestRef } from '../spec/code-host.js';
import type { AuroraApi } from './api.js';
import { toAuroraError } from './errors.js';
import { applyIncidentEvent, reconcileDetail } from './incident-reducer.js';
import { type LiveOptions, type LiveState, startLiveQuery } from './live-query.js';
import { Store } from './store.js';
import type { StreamHub } from './stream-hub.js';

/** What a person last did with one suggestion. */
export interface SuggestionActionState {
  /** The action in flight, if any. */
  pending: 'execute' | 'apply' | 'edit' | null;
  /** The last action's failure (cleared when the next one starts). */
  error: AuroraError | null;
  /** Set once `apply` opened the pull request. */
  pullRequest: PullRequestRef | null;
}

/** Snapshot of an {@link IncidentStore}. */
export interface IncidentState {
  status: 'loading' | 'success' | 'error';
  /** The detail, with thoughts, citations, suggestions, alerts and sessions kept current by the stream. */
  data: IncidentDetailResponse | null;
  /** The last load failure (`NOT_FOUND` for an unknown or another tenant's incident). */
  error: AuroraError | null;
  live: LiveState;
  /** Per-suggestion action state, by suggestion id. */
  suggestionActions: Readonly<Record<string, SuggestionActionState>>;
}

const IDLE_ACTION: SuggestionActionState = { pending: null, error: null, pullRequest: null };

/**
 * One incident's investigation page, live: loads `GET /api/incidents/:id` and applies
 * `/api/incidents/:id/stream` events (thoughts, citations, suggestions, status, alerts)
 * as they arrive. Starts with its first subscriber, stops after the last.
 */
export class IncidentStore extends Store<IncidentState> {
  readonly incidentId: string;
  readonly #api: AuroraApi;
  #stopLive: (() => void) | null = null;

  constructor(
    incidentId: string,
    api: AuroraApi,
    hub: StreamHub,
    options: LiveOptions & { idleDelayMs?: number },
  ) {
    super(
      { status: 'loading', data: null, error: null, live: 'offline', suggestionActions: {} },
      {
        ...(options.idleDelayMs !== undefined ? { idleDelayMs: options.idleDelayMs } : {}),
        onActive: () => {
          this.setState((s) => ({ ...s, live: 'connecting' }));
          this.#stopLive = startLiveQuery({
            ...options,
            hub,
            path: `/api/incidents/${encodeURIComponent(incidentId)}/stream`,
            load: () => this.refetch(),
            apply: (events) => this.applyEvents(events),
            setLive: (live) => this.setState((s) => (s.live === live ? s : { ...s, live })),
          });
        },
        onIdle: () => {
          this.#stopLive?.();
          this.#stopLive = null;
        },
      },
    );
    this.incidentId = incidentId;
    this.#api = api;
  }

  /** Reloads the detail; resolves `true` on success (errors land in the state). */
  async refetch(): Promise<boolean> {
    try {
      const fresh = await this.#api.getIncident(this.incidentId);
      this.setState((s) => ({ ...s, status: 'success', error: null, data: reconcileDetail(s.data, fresh) }));
      return true;
    } catch (error) {
      this.setState((s) => ({ ...s, status: s.data ? s.status : 'error', error: toAuroraError(error) }));
      return false;
    }
  }

  /** Applies events (from the stream, or from a mutation's response) to the loaded detail. */
  applyEvents(events: readonly IncidentEvent[]): void {
    this.setState((s) => {
      if (!s.data) return s;
      let data = s.data;
      for (const event of events) data = applyIncidentEvent(data, event);
      return data === s.data ? s : { ...s, data };
    });
  }

  #setAction(id: string, patch: Partial<SuggestionActionState>): void {
    this.setState((s) => ({
      ...s,
      suggestionActions: {
        ...s.suggestionActions,
        [id]: { ...(s.suggestionActions[id] ?? IDLE_ACTION), ...patch },
      },
    }));
  }

  async #act<T>(
    id: string,
    kind: 'execute' | 'apply' | 'edit',
    run: () => Promise<T>,
    done: (r: T) => void,
  ): Promise<T> {
    this.#setAction(id, { pending: kind, error: null });
    try {
      const result = await run();
      done(result);
      this.#setAction(id, { pending: null });
      return result;
    } catch (error) {
      const e = toAuroraError(error);
      this.#setAction(id, { pending: null, error: e });
      throw e;
    }
  }

  #event(partial: Record<string, unknown>): IncidentEvent {
    return {
      id: '',
      tenantId: '',
      incidentId: this.incidentId,
      at: new Date().toISOString(),
      ...partial,
    } as IncidentEvent;
  }

  /** Runs a diagnostic suggestion; its output arrives as a new citation (returned and added). */
  executeSuggestion(id: string) {
    return this.#act(
      id,
      'execute',
      () => this.#api.executeSuggestion(id),
      (r) =>
        this.applyEvents([
          this.#event({ type: 'suggestion', suggestion: r.suggestion }),
          this.#event({ type: 'citation', citation: r.citation }),
        ]),
    );
  }

  /** Saves a person's edit of a fix (`null` reverts to the suggested content). */
  editSuggestion(id: string, userEditedContent: string | null) {
    return this.#act(
      id,
      'edit',
      () => this.#api.editSuggestion(id, userEditedContent),
      (r) => this.applyEvents([this.#event({ type: 'suggestion', suggestion: r.suggestion })]),
    );
  }

  /** Opens the fix's pull request; the PR link is in the result and in `suggestionActions[id].pullRequest`. */
  applySuggestion(id: string) {
    return this.#act(
      id,
      'apply',
      () => this.#api.applySuggestion(id),
      (r) => {
        this.applyEvents([this.#event({ type: 'suggestion', suggestion: r.suggestion })]);
        this.#setAction(id, { pullRequest: r.pullRequest });
      },
    );
  }
}
