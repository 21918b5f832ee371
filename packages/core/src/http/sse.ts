import type { IncidentEvent } from '../model/index.js';

const encoder = new TextEncoder();

/** One SSE frame. `data` is JSON on a single line, so no event spans lines. */
export function sseFrame(event: IncidentEvent): Uint8Array {
  return encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

export interface SseStreamOptions {
  /** Events missed while disconnected, oldest first (already filtered). */
  replay: () => Promise<IncidentEvent[]>;
  /** Subscribe to live events; returns unsubscribe. */
  subscribe: (listener: (event: IncidentEvent) => void) => () => void;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** @default 15_000 */
  heartbeatMs?: number;
  /** Reconnect delay suggested to the client. @default 2000 */
  retryMs?: number;
}

/**
 * A resumable Server-Sent Events stream: live events are buffered while the missed ones
 * are replayed from the event log, then de-duplicated by id, so a reconnecting client
 * sees every event once and in order. Heartbeats keep proxies from closing idle streams;
 * everything is torn down when the client disconnects.
 */
export function sseStream(options: SseStreamOptions): ReadableStream<Uint8Array> {
  let unsubscribe: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    if (heartbeat) clearInterval(heartbeat);
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (bytes: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(bytes);
        } catch {
          cleanup();
        }
      };
      const close = () => {
        const wasClosed = closed;
        cleanup();
        if (!wasClosed) {
          try {
            controller.close();
          } catch {
            // already closed by the consumer
          }
        }
      };
      if (options.signal.aborted) return close();
      options.signal.addEventListener('abort', close, { once: true });

      const sent = new Set<string>();
      let buffering = true;
      const buffer: IncidentEvent[] = [];
      unsubscribe = options.subscribe((event) => {
        if (buffering) buffer.push(event);
        // A bus may deliver an event after the replay already sent it (NOTIFY is late).
        else if (!sent.has(event.id)) send(sseFrame(event));
      });
      send(encoder.encode(`retry: ${options.retryMs ?? 2000}\n: connected\n\n`));
      try {
        for (const event of await options.replay()) {
          sent.add(event.id);
          send(sseFrame(event));
        }
      } catch (error) {
        send(encoder.encode(`event: error\ndata: ${JSON.stringify({ message: String(error) })}\n\n`));
      }
      buffering = false;
      for (const event of buffer) {
        if (sent.has(event.id)) continue;
        sent.add(event.id);
        send(sseFrame(event));
      }
      buffer.length = 0;
      // `sent` now holds the replayed and buffered ids only (both bounded); live ids are not
      // added, so it does not grow with the stream's lifetime.
      heartbeat = setInterval(() => send(encoder.encode(': ping\n\n')), options.heartbeatMs ?? 15_000);
      (heartbeat as { unref?: () => void }).unref?.();
    },
    cancel() {
      cleanup();
    },
  });
}
