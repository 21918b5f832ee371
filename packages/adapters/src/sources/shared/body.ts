import { AuroraError } from '@aurora-rca/core';

/** Largest webhook body a source accepts by default: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** UTF-8 byte length of a string, without allocating. */
export function utf8ByteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Options of {@link parseWebhookBody}. */
export interface ParseBodyOptions {
  /** Source id, named in errors. */
  source: string;
  /** @default DEFAULT_MAX_BODY_BYTES */
  maxBytes?: number;
}

/**
 * Checks the size limit and parses a raw webhook body as JSON.
 *
 * @throws AuroraError `PAYLOAD_TOO_LARGE` above `maxBytes`, `INVALID_INPUT` for empty or non-JSON bodies.
 * @example
 * ```ts
 * const body = parseWebhookBody(request.rawBody, { source: 'grafana' });
 * const alerts = grafana.parse(body, { headers, receivedAt });
 * ```
 */
export function parseWebhookBody(rawBody: string, options: ParseBodyOptions): unknown {
  const max = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const size = utf8ByteLength(rawBody);
  if (size > max) {
    throw new AuroraError(
      'PAYLOAD_TOO_LARGE',
      `${options.source} payload is ${size} bytes; the limit is ${max}`,
      {
        details: { source: options.source, size, limit: max },
      },
    );
  }
  if (rawBody.trim() === '') {
    throw new AuroraError('INVALID_INPUT', `${options.source} payload is empty`, {
      details: { source: options.source, field: '(body)' },
    });
  }
  try {
    return JSON.parse(rawBody) as unknown;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AuroraError('INVALID_INPUT', `${options.source} payload is not valid JSON: ${reason}`, {
      cause,
      details: { source: options.source, field: '(body)' },
    });
  }
}
