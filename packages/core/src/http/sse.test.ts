import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../model/index.js';
import { sseStream } from './sse.js';

const ev = (id: string): IncidentEvent =>
  ({
    id,
    type: 'thought',
    tenantId: 't',
    incidentId: 'i',
    at: '2026-01-01T00:00:00.000Z',
    thoughts: [],
  }) as IncidentEvent;

async function collect(
  stream: ReadableStream<Uint8Array>,
  until: (text: string) => boolean,
): Promise<string> {
  const reader = stream.getReader();
  let text = '';
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return text;
}

describe('sseStream', () => {
  it('sends each event once: replayed, buffered during replay, late duplicates from the bus, then live', async () => {
    let emit: (e: IncidentEvent) => void = () => {};
    const controller = new AbortController();
    const stream = sseStream({
      signal: controller.signal,
      subscribe: (listener) => {
        emit = listener;
        return () => {};
      },
      replay: async () => {
        emit(ev('3')); // arrives live while the replay runs (also in the replay)
        emit(ev('4')); // arrives live while the replay runs (not in the replay)
        return [ev('2'), ev('3')];
      },
    });
    const text = collect(stream, (t) => t.includes('id: 5\n'));
    await new Promise((r) => setTimeout(r, 10));
    emit(ev('3')); // a late NOTIFY for an event the replay already sent
    emit(ev('5'));
    const out = await text;
    const ids = [...out.matchAll(/^id: (\S+)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(['2', '3', '4', '5']);
    expect(out.startsWith('retry: 2000\n')).toBe(true);
  });

  it('stops the subscription when the client goes away', async () => {
    let unsubscribed = false;
    const controller = new AbortController();
    const stream = sseStream({
      signal: controller.signal,
      subscribe: () => () => {
        unsubscribed = true;
      },
      replay: async () => [],
    });
    const reader = stream.getReader();
    await reader.read();
    controller.abort();
    expect(unsubscribed).toBe(true);
  });
});
