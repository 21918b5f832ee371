import { AuroraError } from '../errors.js';

/**
 * The `signal.reason` a queue uses when it aborts a running job because the worker is
 * shutting down (not because someone cancelled it). A handler seeing it should leave its
 * work resumable rather than record a cancellation.
 */
export function shutdownReason(): AuroraError {
  return new AuroraError('CANCELLED', 'The worker is shutting down', { details: { shutdown: true } });
}

/** True when an abort reason came from {@link shutdownReason} (any copy of this package). */
export function isShutdownReason(reason: unknown): boolean {
  return AuroraError.isInstance(reason) && reason.details?.shutdown === true;
}

/** A readable text for an `AbortSignal.reason`. */
export function abortReasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error || AuroraError.isInstance(reason)) return (reason as Error).message;
  return 'cancelled';
}
