import { AuroraError } from '../errors.js';

/**
 * Reads a request body as text, refusing (413 `PAYLOAD_TOO_LARGE`) as soon as it passes
 * `maxBytes` — by `content-length` when present, else while streaming — so an oversized
 * body is never buffered whole.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new AuroraError('PAYLOAD_TOO_LARGE', `Body is larger than the ${maxBytes}-byte limit`, {
      details: { maxBytes },
    });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
