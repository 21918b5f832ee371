/** Injected time source, so time windows are testable. */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock a test (or `aurora replay`) sets by hand. */
export interface ManualClock extends Clock {
  set(time: number | string | Date): void;
  advance(ms: number): void;
}

/**
 * @example
 * ```ts
 * const clock = manualClock('2026-01-01T00:00:00Z'); clock.advance(60_000);
 * ```
 */
export function manualClock(start: number | string | Date = 0): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => t,
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** ISO-8601 string of the clock's current time. */
export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
