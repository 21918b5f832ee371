/** One dispatched Server-Sent Events message. */
export interface SseMessage {
  /** The `id:` field of this message, when it had one. */
  id: string | undefined;
  /** The `event:` field. @default 'message' */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The `retry:` reconnection time in ms, when the message set it. */
  retry: number | undefined;
}

/** Options of {@link readSse}. */
export interface ReadSseOptions {
  /** Called for every chunk received, comments included (liveness for idle detection). */
  onChunk?: () => void;
  /** Stops reading (cancels the body) when aborted; the generator then ends. */
  signal?: AbortSignal;
}

/**
 * Reads a `text/event-stream` body as the HTML specification describes: lines end in
 * CRLF, LF or CR; `:` lines are comments (heartbeats); a blank line dispatches the message;
 * a message without `data` is not dispatched (but its `id`/`retry` still count, so they
 * are yielded with empty `data`).
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  options: ReadSseOptions = {},
): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const { onChunk, signal } = options;
  // Cancelling unblocks a pending read() even when the fetch implementation does not tie
  // the body to the request's abort signal.
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let retry: number | undefined;
  let seen = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (!done) onChunk?.();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        // A trailing CR might be the first half of CRLF split across chunks.
        if (match[0] === '\r' && match.index === buffer.length - 1 && !done) break;
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === '') {
          if (seen) yield { id, event: event || 'message', data: data.join('\n'), retry };
          data = [];
          event = '';
          id = undefined;
          retry = undefined;
          seen = false;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let fieldValue = colon === -1 ? '' : line.slice(colon + 1);
        if (fieldValue.startsWith(' ')) fieldValue = fieldValue.slice(1);
        if (field === 'data') {
          data.push(fieldValue);
          seen = true;
        } else if (field === 'event') {
          event = fieldValue;
        } else if (field === 'id' && !fieldValue.includes('\0')) {
          id = fieldValue;
          seen = true;
        } else if (field === 'retry' && /^\d+$/.test(fieldValue)) {
          retry = Number(fieldValue);
          seen = true;
        }
      }
      if (done) return;
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    reader.cancel().catch(() => {});
  }
}
