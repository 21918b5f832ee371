import { z } from 'zod';
import { AuroraError } from '../errors.js';

const weight = z.number().min(0).max(10);

/**
 * Options of the correlator. Strict: an unknown key is an error, so a typo in a config
 * file is reported instead of silently ignored.
 *
 * The combined score of an alert against a candidate incident is the weighted mean of the
 * strategy scores, `Σ wᵢ·sᵢ / Σ wᵢ`. With the defaults (weights sum to 1, threshold 0.4):
 * - a same-service alert inside the window always joins (≥ 0.35 + 0.15·0.9);
 * - a direct topology neighbour inside the window always joins (≥ 0.35·0.8 + 0.15·0.9);
 *   a two-hop neighbour needs some text similarity;
 * - an alert of an unrelated service joins only on very similar text (cosine ≳ 0.72 fresh,
 *   ≳ 0.76 at the window's edge); two alerts without a known service likewise.
 */
export const CorrelationOptions = z.strictObject({
  /**
   * Minimum combined score for an alert to join an incident.
   * @default 0.4
   */
  threshold: z.number().min(0).max(1).default(0.4),
  /**
   * How long after an incident's last *alert* a new alert may still join it. A hard limit:
   * candidates older than this are never considered.
   * @default 300_000 (5 minutes)
   */
  windowMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  /**
   * An incident holding this many alerts takes no more; the next alert opens a new one.
   * @default 200
   */
  maxAlertsPerIncident: z.number().int().positive().default(200),
  /**
   * Record each decision (`correlation.shadow`, `wouldJoinIncidentId`) without applying it:
   * every alert opens its own incident. For evaluating settings on live traffic.
   * @default false
   */
  shadow: z.boolean().default(false),
  /** Weight of each strategy in the combined score. A weight of 0 disables the strategy. */
  weights: z
    .strictObject({
      /** @default 0.35 */
      service: weight.default(0.35),
      /** @default 0.15 */
      time: weight.default(0.15),
      /** @default 0.35 */
      similarity: weight.default(0.35),
      /** @default 0.15 */
      change: weight.default(0.15),
    })
    .default({ service: 0.35, time: 0.15, similarity: 0.35, change: 0.15 }),
  /** How topology neighbours score in the service strategy: `decay ** distance`. */
  topology: z
    .strictObject({
      /** @default 0.8 */
      decay: z.number().gt(0).lt(1).default(0.8),
      /** Neighbours further than this are ignored. @default 2 */
      maxDistance: z.number().int().min(1).max(10).default(2),
    })
    .default({ decay: 0.8, maxDistance: 2 }),
  /**
   * How long before an alert a change (deploy, build) of the same service is linked to the
   * alert's incident.
   * @default 1_800_000 (30 minutes)
   */
  changeWindowMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  /**
   * At most this many candidates are read per lookup (service lookup, recent lookup and
   * similarity index each).
   * @default 25
   */
  candidateLimit: z.number().int().min(1).max(1000).default(25),
});

/** Resolved correlation options (every default filled in). */
export type CorrelationOptions = z.infer<typeof CorrelationOptions>;
/** Correlation options as a user writes them: everything optional. */
export type CorrelationOptionsInput = z.input<typeof CorrelationOptions>;

/**
 * Validate options and fill in defaults.
 * @throws AuroraError `INVALID_INPUT` on an unknown key or a bad value (details list the issues).
 */
export function resolveCorrelationOptions(input: CorrelationOptionsInput = {}): CorrelationOptions {
  const parsed = CorrelationOptions.safeParse(input);
  if (!parsed.success) {
    throw new AuroraError('INVALID_INPUT', `Invalid correlation options: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
      details: { issues: parsed.error.issues },
    });
  }
  return parsed.data;
}
