import { AuroraError } from '../errors.js';
import type { Clock } from '../util/clock.js';

/** Token bucket per key. */
export interface RateLimitOptions {
  /** Sustained requests per minute. */
  perMinute: number;
  /** Requests allowed at once above the sustained rate. @default perMinute / 6 */
  burst?: number;
}

export interface RateLimiter {
  /** Take one token for `key` or throw `RATE_LIMITED` (429) with `retryAfterSeconds`. */
  take(key: string): void;
}

export function createRateLimiter(options: RateLimitOptions, clock: Clock): RateLimiter {
  const capacity = Math.max(1, options.burst ?? Math.ceil(options.perMinute / 6));
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = clock.now();
      const b = buckets.get(key) ?? { tokens: capacity, at: now };
      b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perMs);
      b.at = now;
      if (b.tokens < 1) {
        buckets.set(key, b);
        const retryAfterSeconds = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
        throw new AuroraError(
          'RATE_LIMITED',
          `Too many requests for ${key}; retry in ${retryAfterSeconds}s`,
          {
            details: { retryAfterSeconds },
          },
        );
      }
      b.tokens -= 1;
      buckets.set(key, b);
      if (buckets.size > 10_000) buckets.delete(buckets.keys().next().value as string);
    },
  };
}
