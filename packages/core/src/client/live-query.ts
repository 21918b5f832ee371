import type { AuroraError } from '../errors.js';
import type { IncidentEvent } from '../model/event.js';
import type { StreamHub } from './stream-hub.js';

/**
 * How a store is kept current: `connecting` until the stream first opens, `live` while the
 * event stream is open, `polling` while it is down (refetching every `pollIntervalMs`),
 * `offline` when stopped.
 */
export type LiveState = 'connecting' | 'live' | 'polling' | 'offline';

/** Timing of live stores. */
export interface LiveOptions {
  /** Refetch interval while the event stream is down. @default 5000 */
  pollIntervalMs?: number;
  /**
   * How long the first load waits for the stream to open. Loading after the stream is open
   * means no event falls between the snapshot and the stream. @default 2000
   */
  openTimeoutMs?: number;
}

interface LiveQueryOptions extends LiveOptions {
  hub: StreamHub;
  path: string;
  /** Loads a fresh snapshot; resolves `true` on success. */
  load: () => Promise<boolean>;
  /** Applies streamed events (in arrival order) to the loaded snapshot. */
  apply: (events: IncidentEvent[]) => void;
  setLive: (live: LiveState, error: AuroraError | null) => void;
}

/**
 * Runs the "snapshot + event stream, polling as fallback" loop shared by the list and detail
 * stores. Events that arrive before the first snapshot are buffered and applied after it.
 * Returns the stop function.
 */
export function startLiveQuery(options: LiveQueryOptions): () => void {
  const pollInterval = options.pollIntervalMs ?? 5000;
  let stopped = false;
  let loaded = false;
  let loadStarted = false;
  let buffer: IncidentEvent[] = [];
  let pollTimer: ReturnType<typeof setInterval> | null = null;

  const load = async (): Promise<void> => {
    loadStarted = true;
    const ok = await options.load();
    if (stopped || !ok || loaded) return;
    loaded = true;
    const pending = buffer;
    buffer = [];
    if (pending.length > 0) options.apply(pending);
  };

  const startPolling = (): void => {
    if (pollTimer !== null) return;
    pollTimer = setInterval(() => void load(), pollInterval);
  };
  const stopPolling = (): void => {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  };

  const openTimer = setTimeout(() => {
    if (!loadStarted) void load();
  }, options.openTimeoutMs ?? 2000);

  const detach = options.hub.listen(options.path, {
    onEvent(event) {
      if (loaded) options.apply([event]);
      else buffer.push(event);
    },
    onStateChange(state, error) {
      if (stopped) return;
      if (state === 'open') {
        stopPolling();
        options.setLive('live', null);
        if (!loadStarted) void load();
      } else if (state === 'reconnecting' || (state === 'closed' && error)) {
        options.setLive('polling', error);
        if (!loadStarted) void load();
        startPolling();
      }
    },
  });

  return () => {
    stopped = true;
    clearTimeout(openTimer);
    stopPolling();
    detach();
    options.setLive('offline', null);
  };
}
