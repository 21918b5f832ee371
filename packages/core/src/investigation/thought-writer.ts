import type { Thought, ThoughtDraft } from '../model/index.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { Storage } from '../spec/storage.js';
import { type Clock, isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';

/** Timer functions, injected so flushing runs under fake timers. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createThoughtWriter}. */
export interface ThoughtWriterOptions {
  storage: Storage;
  publisher: EventPublisher;
  clock: Clock;
  ids: IdGenerator;
  tenantId: string;
  incidentId: string;
  /** Prefix of each thought's `clientKey`; with the content hash it makes a resumed run idempotent. */
  keyPrefix: string;
  /** Complete sentences wait at most this long before they are written. @default 1000 */
  intervalMs?: number;
  timers?: Timers;
}

/** Buffers streamed model text and writes it as thoughts. */
export interface ThoughtWriter {
  /** Add streamed text. */
  push(text: string): void;
  /** Write everything buffered, even an unfinished sentence (tool boundary, end of turn). */
  flush(): Promise<void>;
  /** Flush, stop the timer and surface any write error. */
  close(): Promise<void>;
}

/**
 * Index just past the last sentence boundary in `text`, or 0. A boundary is `.`, `!` or `?`
 * (optionally closed by a quote or bracket) followed by whitespace, or a line break. A period
 * at the very end is not yet a boundary ("v1." may continue as "v1.2").
 */
export function lastSentenceBoundary(text: string): number {
  let end = 0;
  const re = /[.!?]["')\]]*\s+|\n+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) end = m.index + m[0].length;
  return end;
}

/** FNV-1a, hex: a short stable hash for idempotency keys (browser-safe, no crypto import). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Streamed text becomes thoughts in batches, never split mid-sentence except by {@link
 * ThoughtWriter.flush}: the first complete sentence is written at once, later complete
 * sentences are gathered and written together at most every `intervalMs`. Writes are
 * serialized; each stores one thought and publishes one `thought` event.
 */
export function createThoughtWriter(options: ThoughtWriterOptions): ThoughtWriter {
  const { storage, publisher, clock, ids, tenantId, incidentId } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  let buffer = '';
  let lastWrite = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const keys = new Map<string, number>();

  const write = (content: string) => {
    const text = content.trim();
    if (!text) return;
    lastWrite = clock.now();
    const hash = shortHash(text);
    const n = (keys.get(hash) ?? 0) + 1;
    keys.set(hash, n);
    const draft: ThoughtDraft = {
      content: text,
      createdAt: isoNow(clock),
      kind: 'investigation',
      clientKey: `${options.keyPrefix}:${hash}${n > 1 ? `:${n}` : ''}`,
    };
    chain = chain.then(async () => {
      if (failure) return;
      try {
        const thoughts: Thought[] = await storage.thoughts.append(tenantId, incidentId, [draft], () =>
          ids.next('th'),
        );
        await publisher.publish({ type: 'thought', tenantId, incidentId, at: draft.createdAt, thoughts });
      } catch (error) {
        failure = error;
      }
    });
  };

  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const flushSentences = () => {
    clearTimer();
    const end = lastSentenceBoundary(buffer);
    if (end === 0) return;
    const head = buffer.slice(0, end);
    buffer = buffer.slice(end);
    write(head);
  };

  return {
    push(text) {
      if (!text) return;
      buffer += text;
      if (lastSentenceBoundary(buffer) === 0) return;
      const wait = lastWrite + intervalMs - clock.now();
      if (wait <= 0) flushSentences();
      else if (timer === null) timer = timers.setTimeout(flushSentences, wait);
    },
    async flush() {
      clearTimer();
      const rest = buffer;
      buffer = '';
      write(rest);
      await chain;
      if (failure) throw failure;
    },
    async close() {
      await this.flush();
    },
  };
}
