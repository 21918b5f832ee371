import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from './sse-parser.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
      c.close();
    },
  });
}

async function collect(chunks: string[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(streamOf(chunks))) out.push(m);
  return out;
}

describe('readSse', () => {
  it('reads id, event and data, skipping heartbeat comments', async () => {
    const messages = await collect([': ping\n\n', 'id: 7\nevent: thought\ndata: {"a":1}\n\n', ': ping\n\n']);
    expect(messages).toEqual([{ id: '7', event: 'thought', data: '{"a":1}', retry: undefined }]);
  });

  it('reassembles messages split across chunks, including a CRLF split between chunks', async () => {
    const messages = await collect(['id: 1\r', '\ndata: {"x":', '"y"}\r\n', '\r\nid: 2\ndata: b\n', '\n']);
    expect(messages.map((m) => [m.id, m.data])).toEqual([
      ['1', '{"x":"y"}'],
      ['2', 'b'],
    ]);
  });

  it('joins multi-line data and defaults the event name to "message"', async () => {
    const [m] = await collect(['data: line one\ndata: line two\nretry: 2500\n\n']);
    expect(m).toEqual({ id: undefined, event: 'message', data: 'line one\nline two', retry: 2500 });
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: résumé ✓\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 8));
        c.enqueue(bytes.slice(8));
        c.close();
      },
    });
    const out: string[] = [];
    for await (const m of readSse(stream)) out.push(m.data);
    expect(out).toEqual(['résumé ✓']);
  });
});
