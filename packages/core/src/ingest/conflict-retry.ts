import { AuroraError } from '../errors.js';

/**
 * Run `fn` again when it fails with `CONFLICT` (an optimistic-concurrency check or the
 * alert dedup constraint lost a race): the retry re-reads and usually sees the winner's
 * write (an existing alert to dedup into, a merged incident to refuse). Other errors and the
 * last conflict propagate.
 */
export async function withConflictRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !AuroraError.isInstance(error) || error.code !== 'CONFLICT') throw error;
    }
  }
}
