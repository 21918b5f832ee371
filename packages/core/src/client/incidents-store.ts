import type { AuroraError } from '../errors.js';
import type { IncidentEvent } from '../model/event.js';
import type { Incident } from '../model/incident.js';
import type { IncidentStatus } from '../model/lifecycle.js';
import type { AuroraApi, ListIncidentsParams } from './api.js';
import { toAuroraError } from './errors.js';
import { isNewerIncident } from './incident-reducer.js';
import { type LiveOptions, type LiveState, startLiveQuery } from './live-query.js';
import { Store } from './store.js';
import type { StreamHub } from './stream-hub.js';

/** Snapshot of an {@link IncidentsStore}. */
export interface IncidentsState {
  status: 'loading' | 'success' | 'error';
  /** Newest first (by `startedAt`). */
  items: Incident[];
  nextCursor: string | null;
  error: AuroraError | null;
  live: LiveState;
  loadingMore: boolean;
}

/** Orders incidents newest first, ties by id. */
export function compareIncidents(a: Incident, b: Incident): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The status filter as a predicate: without one, merged incidents are excluded (as the server does). */
export function statusFilter(status: ListIncidentsParams['status']): (s: IncidentStatus) => boolean {
  if (status === undefined) return (s) => s !== 'merged';
  const wanted = new Set<IncidentStatus>(typeof status === 'string' ? [status] : status);
  return (s) => wanted.has(s);
}

/**
 * The tenant's incident list, live: loads `GET /api/incidents` and applies
 * `/api/incidents/stream` events (new incidents appear, status changes move them in or out
 * of the filter). While the stream is down it polls the list instead.
 */
export class IncidentsStore extends Store<IncidentsState> {
  readonly params: ListIncidentsParams;
  readonly #api: AuroraApi;
  readonly #matches: (s: IncidentStatus) => boolean;
  #stopLive: (() => void) | null = null;

  constructor(
    params: ListIncidentsParams,
    api: AuroraApi,
    hub: StreamHub,
    options: LiveOptions & { idleDelayMs?: number },
  ) {
    super(
      { status: 'loading', items: [], nextCursor: null, error: null, live: 'offline', loadingMore: false },
      {
        ...(options.idleDelayMs !== undefined ? { idleDelayMs: options.idleDelayMs } : {}),
        onActive: () => {
          this.setState((s) => ({ ...s, live: 'connecting' }));
          this.#stopLive = startLiveQuery({
            ...options,
            hub,
            path: '/api/incidents/stream',
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
    this.params = params;
    this.#api = api;
    this.#matches = statusFilter(params.status);
  }

  /** Reloads the first page (pages loaded with `loadMore` are dropped). Resolves `true` on success. */
  async refetch(): Promise<boolean> {
    try {
      const page = await this.#api.listIncidents({ ...this.params, cursor: null });
      this.setState((s) => {
        const previous = new Map(s.items.map((i) => [i.id, i]));
        const items = page.items
          .map((fresh) => {
            const old = previous.get(fresh.id);
            return old && old.version === fresh.version && old.updatedAt === fresh.updatedAt ? old : fresh;
          })
          .sort(compareIncidents);
        return { ...s, status: 'success', error: null, items, nextCursor: page.nextCursor };
      });
      return true;
    } catch (error) {
      this.setState((s) => ({
        ...s,
        status: s.status === 'success' ? s.status : 'error',
        error: toAuroraError(error),
      }));
      return false;
    }
  }

  /** Loads the next page after `nextCursor` and appends it. */
  async loadMore(): Promise<void> {
    const cursor = this.getSnapshot().nextCursor;
    if (!cursor || this.getSnapshot().loadingMore) return;
    this.setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await this.#api.listIncidents({ ...this.params, cursor });
      this.setState((s) => {
        const known = new Set(s.items.map((i) => i.id));
        const items = [...s.items, ...page.items.filter((i) => !known.has(i.id))].sort(compareIncidents);
        return { ...s, items, nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (error) {
      this.setState((s) => ({ ...s, loadingMore: false, error: toAuroraError(error) }));
    }
  }

  /** Applies incident events: upserts matching incidents, removes ones that left the filter. */
  applyEvents(events: readonly IncidentEvent[]): void {
    this.setState((s) => {
      if (s.status !== 'success') return s;
      let items = s.items;
      for (const event of events) {
        if (
          event.type !== 'incident.created' &&
          event.type !== 'incident.updated' &&
          event.type !== 'incident.merged'
        ) {
          continue;
        }
        const next = event.incident;
        const at = items.findIndex((i) => i.id === next.id);
        const current = at === -1 ? undefined : items[at];
        if (current && (current === next || !isNewerIncident(current, next))) continue;
        if (!this.#matches(next.status)) {
          if (at !== -1) items = items.filter((i) => i.id !== next.id);
          continue;
        }
        items = at === -1 ? [...items, next] : items.map((i) => (i.id === next.id ? next : i));
        items.sort(compareIncidents);
      }
      return items === s.items ? s : { ...s, items };
    });
  }
}
