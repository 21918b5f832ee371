import { AuroraError } from '../errors.js';
import type { IncidentEvent } from '../model/event.js';
import { errorFromResponse, toAuroraError } from './errors.js';
import { readSse } from './sse-parser.js';
import type { Transport } from './transport.js';

/** Reconnection policy of event streams: exponential backoff with full jitter. */
export interface ReconnectOptions {
  /** First delay after a drop (the server's `retry:` field overrides it). @default 1000 */
  initialDelayMs?: number;
  /** Upper bound of the delay. @default 30000 */
  maxDelayMs?: number;
  /** Consecutive failed attempts before giving up (`closed` with the last error). @default Infinity */
  maxAttempts?: number;
  /** Random source in [0, 1) for jitter; inject a constant in tests. @default Math.random */
  random?: () => number;
  /**
   * Reconnect when nothing (not even a `: ping` heartbeat) arrived for this long: a
   * connection that died without closing (laptop sleep, a proxy dropping it) is noticed.
   * Keep it above the server's heartbeat interval (15 s by default). `0` disables it.
   * @default 45000
   */
  idleTimeoutMs?: number;
}

/** `connecting` before the first open, `reconnecting` after a drop, `closed` when given up or closed. */
export type EventStreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Callbacks and position of {@link openEventStream}. */
export interface EventStreamOptions {
  transport: Transport;
  /** API path, e.g. `/api/incidents/inc_1/stream`. */
  path: string;
  onEvent: (event: IncidentEvent) => void;
  /** Called on every state change; `error` is the failure that caused `reconnecting`/`closed`. */
  onStateChange?: (state: EventStreamState, error: AuroraError | null) => void;
  /** Resume after this event id (sent as `Last-Event-ID`). */
  lastEventId?: string | null;
  reconnect?: ReconnectOptions;
}

/** A running event stream. */
export interface EventStreamHandle {
  /** Stops the stream for good; no callback runs afterwards. */
  close(): void;
  /** The id of the last event received, sent as `Last-Event-ID` on reconnect. */
  readonly lastEventId: string | null;
  readonly state: EventStreamState;
}

/** Statuses that mean "this stream does not exist here": retrying will not help. */
const FATAL_STATUSES = new Set([400, 404, 405, 410, 501]);

/**
 * Opens a Server-Sent Events stream over `fetch` (so `Authorization` headers work, unlike
 * `EventSource`), and keeps it open: after a drop it reconnects with backoff, sending the
 * last seen id as `Last-Event-ID` so the server replays what was missed. Messages whose
 * `data` is not JSON are ignored; comment lines (heartbeats) are skipped.
 */
export function openEventStream(options: EventStreamOptions): EventStreamHandle {
  const initialDelay = options.reconnect?.initialDelayMs ?? 1000;
  const maxDelay = options.reconnect?.maxDelayMs ?? 30_000;
  const maxAttempts = options.reconnect?.maxAttempts ?? Number.POSITIVE_INFINITY;
  const random = options.reconnect?.random ?? Math.random;
  const idleTimeout = options.reconnect?.idleTimeoutMs ?? 45_000;

  let lastEventId = options.lastEventId ?? null;
  let state: EventStreamState = 'connecting';
  let closed = false;
  let failures = 0;
  let serverRetry: number | null = null;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: EventStreamState, error: AuroraError | null): void => {
    if (closed && next !== 'closed') return;
    state = next;
    options.onStateChange?.(next, error);
  };

  const fail = (error: AuroraError, fatal: boolean): void => {
    if (closed) return;
    failures++;
    if (fatal || failures >= maxAttempts) {
      closed = true;
      setState('closed', error);
      return;
    }
    const base = serverRetry ?? initialDelay;
    const ceiling = Math.min(maxDelay, base * 2 ** (failures - 1));
    // Full jitter, but never less than half the ceiling so reconnects are not instant.
    const delay = ceiling / 2 + (random() * ceiling) / 2;
    setState('reconnecting', error);
    timer = setTimeout(connect, delay);
  };

  async function connect(): Promise<void> {
    timer = null;
    if (closed) return;
    controller = new AbortController();
    let response: Response;
    try {
      response = await options.transport.send({
        path: options.path,
        headers: { Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
        signal: controller.signal,
      });
    } catch (error) {
      fail(toAuroraError(error), false);
      return;
    }
    if (closed) return;
    if (!response.ok || !response.body) {
      fail(await errorFromResponse(response), FATAL_STATUSES.has(response.status));
      return;
    }
    failures = 0;
    setState('open', null);
    let idleTimer: ReturnType<typeof setTimeout> | null = null;
    let idle = false;
    const alive = (): void => {
      if (idleTimeout <= 0) return;
      if (idleTimer !== null) clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        idle = true;
        controller?.abort();
      }, idleTimeout);
    };
    alive();
    try {
      for await (const message of readSse(response.body, { onChunk: alive, signal: controller.signal })) {
        if (closed) return;
        if (message.id !== undefined) lastEventId = message.id || null;
        if (message.retry !== undefined) serverRetry = message.retry;
        if (!message.data) continue;
        let event: unknown;
        try {
          event = JSON.parse(message.data);
        } catch {
          continue;
        }
        if (
          typeof event === 'object' &&
          event !== null &&
          typeof (event as { type?: unknown }).type === 'string'
        ) {
          options.onEvent(event as IncidentEvent);
        }
      }
    } catch (error) {
      if (!closed) {
        fail(
          idle
            ? new AuroraError('TIMEOUT', `No data on the event stream for ${idleTimeout} ms`)
            : toAuroraError(error),
          false,
        );
      }
      return;
    } finally {
      if (idleTimer !== null) clearTimeout(idleTimer);
    }
    if (!closed) {
      fail(
        idle
          ? new AuroraError('TIMEOUT', `No data on the event stream for ${idleTimeout} ms`)
          : toAuroraError(new Error('Event stream ended')),
        false,
      );
    }
  }

  void connect();

  return {
    close() {
      if (closed) return;
      closed = true;
      if (timer !== null) clearTimeout(timer);
      controller?.abort();
      setState('closed', null);
    },
    get lastEventId() {
      return lastEventId;
    },
    get state() {
      return state;
    },
  };
}
