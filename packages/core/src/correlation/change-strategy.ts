import { formatDuration } from './format.js';
import type { CorrelationStrategy } from './types.js';

/**
 * A change (deploy, build: `kind: 'change'`) of the alert's service shortly before the
 * alert, already linked to the candidate incident, is evidence the alert belongs there.
 * Scores 1 for a change just before, falling to 0.5 at the edge of `changeWindowMs`.
 * (Linking a still-unattached change to the incident the alert lands in is done by the
 * ingest pipeline.)
 */
export function changeProximityStrategy(): CorrelationStrategy {
  return {
    name: 'change',
    score({ at }, { incident }, { recentChanges, options, service }) {
      let best: { score: number; reason: string } | null = null;
      for (const change of recentChanges) {
        if (change.incidentId !== incident.id) continue;
        const elapsed = at - Date.parse(change.startedAt);
        if (Number.isNaN(elapsed) || elapsed < 0 || elapsed > options.changeWindowMs) continue;
        const score = 1 - 0.5 * (elapsed / options.changeWindowMs);
        if (!best || score > best.score) {
          best = {
            score,
            reason: `Change “${change.title}” of ${service} ${formatDuration(elapsed)} before, linked to this incident`,
          };
        }
      }
      return (
        best ?? {
          score: 0,
          reason: service
            ? `No recent change of ${service} linked to this incident`
            : 'The alert has no known service',
        }
      );
    },
  };
}
