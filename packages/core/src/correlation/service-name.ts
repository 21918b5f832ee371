/** Service names that mean "we don't know"; they never match each other. */
const UNKNOWN_SERVICES = new Set(['', 'unknown', 'none', 'null', 'undefined', 'n/a', 'na', '-', '?']);

/**
 * Normalize a service name for comparison (trimmed, lower-case), or `null` when it is empty
 * or a placeholder such as `unknown`. Two alerts without a known service are never joined
 * by the service strategy.
 */
export function normalizeService(service: string | null | undefined): string | null {
  if (service == null) return null;
  const s = service.trim().toLowerCase();
  return UNKNOWN_SERVICES.has(s) ? null : s;
}

/** Normalized known services of a list, de-duplicated, in order. */
export function knownServices(services: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const s of services) {
    const n = normalizeService(s);
    if (n) out.add(n);
  }
  return [...out];
}
