import { AURORA_ERROR_CODES, AuroraError, type AuroraErrorCode } from '../errors.js';

function codeForStatus(status: number): AuroraErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'INVALID_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 504:
      return 'TIMEOUT';
    default:
      return status >= 500 ? 'UPSTREAM' : 'INVALID_INPUT';
  }
}

function isCode(value: unknown): value is AuroraErrorCode {
  return typeof value === 'string' && Object.hasOwn(AURORA_ERROR_CODES, value);
}

/**
 * Turns a non-2xx response into an {@link AuroraError} carrying the server's `code` and
 * message (`{ error: { code, message, details } }`). A body that is not that shape (a proxy's
 * HTML error page) still yields an error, with a code chosen from the HTTP status.
 * `details.status` always holds the HTTP status.
 */
export async function errorFromResponse(response: Response): Promise<AuroraError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall through to the status-based error.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = isCode(error?.code) ? error.code : codeForStatus(response.status);
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `HTTP ${response.status} ${response.statusText}`.trim();
  const details =
    typeof error?.details === 'object' && error.details !== null
      ? (error.details as Record<string, unknown>)
      : {};
  return new AuroraError(code, message, { details: { ...details, status: response.status } });
}

/** Wraps anything thrown by `fetch` (network down, CORS, abort) in an {@link AuroraError}. */
export function toAuroraError(error: unknown): AuroraError {
  if (AuroraError.isInstance(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new AuroraError('CANCELLED', 'Request aborted', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AuroraError('UPSTREAM', `Network error: ${message}`, { cause: error });
}
