import type { AuroraError } from '../errors.js';
import type { IncidentEvent } from '../model/event.js';
import {
  type EventStreamHandle,
  type EventStreamState,
  openEventStream,
  type ReconnectOptions,
} from './event-stream.js';
import type { Transport } from './transport.js';

/** A consumer of a shared stream. */
export interface StreamListener {
  onEvent(event: IncidentEvent): void;
  onStateChange?(state: EventStreamState, error: AuroraError | null): void;
}

interface Channel {
  handle: EventStreamHandle;
  listeners: Set<StreamListener>;
  state: EventStreamState;
  error: AuroraError | null;
}

/**
 * Shares one connection per stream path among every store that needs it (the incident
 * detail, its chat and its suggestions read the same `/api/incidents/:id/stream`). The
 * connection opens with the first listener and closes with the last.
 */
export class StreamHub {
  readonly #channels = new Map<string, Channel>();
  readonly #transport: Transport;
  readonly #reconnect: ReconnectOptions | undefined;

  constructor(transport: Transport, reconnect?: ReconnectOptions) {
    this.#transport = transport;
    this.#reconnect = reconnect;
  }

  /** Attaches a listener to the stream at `path`; returns the detach function. */
  listen(path: string, listener: StreamListener): () => void {
    let channel = this.#channels.get(path);
    // A stream that gave up (fatal status, attempts exhausted) is retried by a new listener.
    if (channel?.state === 'closed') {
      this.#channels.delete(path);
      channel.handle.close();
      channel = undefined;
    }
    if (!channel) {
      const listeners = new Set<StreamListener>();
      const created: Channel = { listeners, state: 'connecting', error: null, handle: undefined as never };
      channel = created;
      this.#channels.set(path, created);
      created.handle = openEventStream({
        transport: this.#transport,
        path,
        ...(this.#reconnect ? { reconnect: this.#reconnect } : {}),
        onEvent: (event) => {
          for (const l of [...listeners]) {
            try {
              l.onEvent(event);
            } catch (error) {
              // A failing consumer must not break the others or the connection.
              queueMicrotask(() => {
                throw error;
              });
            }
          }
        },
        onStateChange: (state, error) => {
          created.state = state;
          created.error = error;
          for (const l of [...listeners]) l.onStateChange?.(state, error);
        },
      });
    } else {
      listener.onStateChange?.(channel.state, channel.error);
    }
    channel.listeners.add(listener);
    const owned = channel;
    return () => {
      owned.listeners.delete(listener);
      if (owned.listeners.size === 0) {
        if (this.#channels.get(path) === owned) this.#channels.delete(path);
        owned.handle.close();
      }
    };
  }

  /** Closes every connection. */
  closeAll(): void {
    for (const channel of this.#channels.values()) channel.handle.close();
    this.#channels.clear();
  }
}
