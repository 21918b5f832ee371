import { AuroraError, type AuroraErrorCode } from '../../errors.js';
import { ConformanceAssertionError, expect } from './expect.js';
import type { ConformanceCheck, ConformanceContext, ConformanceSuite } from './types.js';

/**
 * Assert `promise` rejects with an {@link AuroraError} carrying `code` (checked with
 * `AuroraError.isInstance`, so an error from another copy of core also counts).
 */
export async function expectAuroraError(
  promise: Promise<unknown>,
  code: AuroraErrorCode,
): Promise<AuroraError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) {
    throw new ConformanceAssertionError(`expected an AuroraError ${code}, but the call succeeded`);
  }
  if (!AuroraError.isInstance(caught)) {
    throw new ConformanceAssertionError(
      `expected an AuroraError ${code}, got ${caught instanceof Error ? caught.stack : String(caught)}`,
    );
  }
  expect(caught.code, `AuroraError code (message: ${caught.message})`).toBe(code);
  return caught;
}

/** Settle every promise and split fulfilled values from rejection reasons. */
export async function settle<T>(promises: Promise<T>[]): Promise<{ ok: T[]; failed: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const ok: T[] = [];
  const failed: unknown[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') ok.push(r.value);
    else failed.push(r.reason);
  }
  return { ok, failed };
}

/** Assert every reason is an AuroraError with `code`. */
export function expectAllAuroraErrors(reasons: unknown[], code: AuroraErrorCode): void {
  for (const reason of reasons) {
    expect(AuroraError.isInstance(reason) ? reason.code : reason).toBe(code);
  }
}

/** Builds the checks of one suite. */
export function suiteOf(suite: ConformanceSuite) {
  return (name: string, run: (ctx: ConformanceContext) => Promise<void>): ConformanceCheck => ({
    suite,
    name,
    run,
  });
}
