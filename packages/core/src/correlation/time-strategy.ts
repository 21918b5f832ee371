import { formatDuration } from './format.js';
import type { CorrelationStrategy } from './types.js';

/**
 * Measures from the incident's last *alert* (`lastAlertAt`), not its last update, so an
 * incident whose investigation keeps writing does not stay "hot". Inside the window the
 * score falls linearly from 1 to 0.9 (the window is the real limit; the slope only prefers
 * the fresher of two candidates); outside it is 0 and the combiner drops the candidate.
 */
export function timeWindowStrategy(): CorrelationStrategy {
  return {
    name: 'time',
    score({ at }, { incident }, { options }) {
      const window = options.windowMs;
      const last = Date.parse(incident.lastAlertAt);
      if (Number.isNaN(last)) return { score: 0, reason: 'The incident has no valid last alert time' };
      const elapsed = at - last;
      if (elapsed <= 0) return { score: 1, reason: 'Arrived with the incident’s latest alert' };
      if (elapsed > window) {
        return {
          score: 0,
          reason: `Last alert ${formatDuration(elapsed)} earlier, outside the ${formatDuration(window)} window`,
        };
      }
      return {
        score: 1 - 0.1 * (elapsed / window),
        reason: `Last alert ${formatDuration(elapsed)} earlier (window ${formatDuration(window)})`,
      };
    },
  };
}
