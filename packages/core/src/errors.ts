/**
 * Every error Aurora throws is an {@link AuroraError} with a stable UPPER_SNAKE `code`.
 * Hosts branch on `code` (or {@link AuroraError.isInstance}, which also works across
 * duplicate copies of this package), never on messages.
 */
export const AURORA_ERROR_CODES = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNSUPPORTED_VERSION: 500,
  POLICY_DENIED: 403,
  APPROVAL_REQUIRED: 409,
  TIMEOUT: 504,
  CANCELLED: 499,
  UPSTREAM: 502,
  INTERNAL: 500,
} as const;

/** One of the codes in {@link AURORA_ERROR_CODES}. */
export type AuroraErrorCode = keyof typeof AURORA_ERROR_CODES;

const MARKER = Symbol.for('@aurora-rca/core/error');

/** Options accepted by {@link AuroraError}. */
export interface AuroraErrorOptions {
  cause?: unknown;
  /** Extra machine-readable context (source id, missing field, existing PR url, …). */
  details?: Record<string, unknown>;
}

/**
 * The single error base class.
 *
 * @example
 * ```ts
 * try { await aurora.incidents.get(tenantId, id) }
 * catch (e) { if (AuroraError.isInstance(e) && e.code === 'NOT_FOUND') return notFound() }
 * ```
 */
export class AuroraError extends Error {
  readonly [MARKER] = true;
  readonly code: AuroraErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AuroraErrorCode, message: string, options: AuroraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AuroraError';
    this.code = code;
    this.details = options.details;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return AURORA_ERROR_CODES[this.code];
  }

  /** True for any AuroraError, even one created by another copy of this package. */
  static isInstance(value: unknown): value is AuroraError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A JSON body for HTTP responses: `{ error: { code, message, details? } }`. */
  toJSON(): { error: { code: AuroraErrorCode; message: string; details?: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/** Shorthand for `new AuroraError('NOT_FOUND', …)` naming the record kind and id. */
export function notFound(kind: string, id: string): AuroraError {
  return new AuroraError('NOT_FOUND', `${kind} ${id} not found`, { details: { kind, id } });
}
