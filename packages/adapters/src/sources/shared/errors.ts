import { AuroraError } from '@aurora-rca/core';

/**
 * The one error `parse` may throw: `INVALID_INPUT` naming the source and the field that is
 * missing or unusable, so a dead-letter record tells the operator exactly what to fix.
 *
 * @example
 * ```ts
 * throw invalidInput('grafana', 'alerts[0].labels.alertname');
 * // AuroraError: grafana payload: missing or invalid field `alerts[0].labels.alertname`
 * ```
 */
export function invalidInput(source: string, field: string, reason?: string): AuroraError {
  const message = `${source} payload: ${reason ?? `missing or invalid field \`${field}\``}`;
  return new AuroraError('INVALID_INPUT', message, { details: { source, field } });
}

/** `UNAUTHENTICATED` for a webhook that failed verification. The reason is safe to log, never a secret. */
export function unauthenticated(source: string, reason: string): AuroraError {
  return new AuroraError('UNAUTHENTICATED', `${source} webhook rejected: ${reason}`, { details: { source } });
}
