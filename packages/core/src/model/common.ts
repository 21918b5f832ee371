import { z } from 'zod';

/** ISO-8601 UTC timestamp as produced by `Date#toISOString()`. Every stored time uses it. */
export const Timestamp = z.string().min(1);
export type Timestamp = z.infer<typeof Timestamp>;

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info', 'unknown']);
/** Normalized severity, highest first. */
export type Severity = z.infer<typeof Severity>;

/** Rank for comparisons: larger is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  info: 1,
  unknown: 0,
};

/** The more severe of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export const TenantId = z.string().min(1).max(200);
