import type { Correlation, CorrelationStrategyName, Incident } from '../model/index.js';
import { isOpen } from '../model/lifecycle.js';
import { formatDuration, roundScore } from './format.js';
import type { CandidateIncident, CorrelationStrategy, CorrelationSubject, StrategyContext } from './types.js';

/** The evaluation of one candidate incident. */
export interface CandidateEvaluation {
  incident: Incident;
  /** Weighted mean of the strategy scores, 0..1. */
  score: number;
  /**
   * The strongest evidence: the non-time strategy with the highest score (ties go to the
   * earlier strategy: service, then similarity, then change); `topology` for a neighbour
   * match; `time` only when nothing else scored.
   */
  strategy: CorrelationStrategyName;
  details: Record<string, { score: number; reason: string }>;
  /** Why the candidate may not take the alert at all (closed, full, outside the window, …). */
  excluded: string | null;
}

/** The correlator's decision for one alert. */
export interface CorrelationDecision {
  /** The incident to join; `null` to open a new one (always `null` in shadow mode). */
  join: Incident | null;
  /** What to store on the alert. */
  correlation: Correlation;
  /** Every candidate evaluated, best first. */
  evaluations: CandidateEvaluation[];
}

/** Score every candidate with every strategy and combine by weight. */
export function evaluateCandidates(
  subject: CorrelationSubject,
  candidates: readonly CandidateIncident[],
  strategies: readonly CorrelationStrategy[],
  context: StrategyContext,
): CandidateEvaluation[] {
  const { weights } = context.options;
  const totalWeight = strategies.reduce((sum, s) => sum + weights[s.name], 0);
  const out = candidates.map((candidate): CandidateEvaluation => {
    const details: CandidateEvaluation['details'] = {};
    let sum = 0;
    let best = 0;
    let strategy: CorrelationStrategyName = 'time';
    for (const s of strategies) {
      const w = weights[s.name];
      if (w <= 0) continue;
      const r = s.score(subject, candidate, context);
      const score = Math.max(0, Math.min(1, r.score));
      details[s.name] = { score: roundScore(score), reason: r.reason };
      sum += w * score;
      // The principal strategy is the strongest *evidence*; the time window is a condition
      // every candidate meets, so it is named only when nothing else scored.
      if (s.name !== 'time' && score > best + 1e-9) {
        best = score;
        strategy = r.as ?? s.name;
      }
    }
    const score = totalWeight > 0 ? sum / totalWeight : 0;
    return {
      incident: candidate.incident,
      score,
      strategy,
      details,
      excluded: gate(subject, candidate.incident, context),
    };
  });
  return out.sort(
    (a, b) => b.score - a.score || b.incident.lastAlertAt.localeCompare(a.incident.lastAlertAt),
  );
}

/** Hard conditions that no score overrides. */
function gate(subject: CorrelationSubject, incident: Incident, { options }: StrategyContext): string | null {
  if (!isOpen(incident.status)) return `Incident is ${incident.status}`;
  if (incident.test !== subject.alert.test) {
    return subject.alert.test
      ? 'Test notifications only join test incidents'
      : 'A test incident takes no real alerts';
  }
  const env = subject.alert.environment;
  if (env && incident.environment && env.toLowerCase() !== incident.environment.toLowerCase()) {
    return `Different environment (${env} vs ${incident.environment})`;
  }
  const elapsed = subject.at - Date.parse(incident.lastAlertAt);
  if (elapsed > options.windowMs) return `Last alert ${formatDuration(elapsed)} earlier, outside the window`;
  if (incident.alertCount >= options.maxAlertsPerIncident) {
    return `Incident already holds ${incident.alertCount} alerts (max ${options.maxAlertsPerIncident})`;
  }
  return null;
}

/**
 * Choose: the best eligible candidate at or above the threshold joins; otherwise the alert
 * opens a new incident and its `details.new` says how close the nearest candidate came.
 * In shadow mode the choice is recorded in `wouldJoinIncidentId` and not applied.
 */
export function decide(evaluations: CandidateEvaluation[], context: StrategyContext): CorrelationDecision {
  const { threshold, shadow, windowMs } = context.options;
  const eligible = evaluations.filter((e) => e.excluded === null);
  const winner = eligible.find((e) => e.score >= threshold) ?? null;
  if (winner && !shadow) {
    return {
      join: winner.incident,
      correlation: {
        strategy: winner.strategy,
        score: roundScore(winner.score),
        details: winner.details,
        shadow: false,
        wouldJoinIncidentId: null,
      },
      evaluations,
    };
  }
  const closest = eligible[0];
  const reason = winner
    ? `Shadow mode: would have joined “${winner.incident.title}” (${roundScore(winner.score)} via ${winner.strategy})`
    : closest
      ? `No open incident reached the threshold ${threshold} (closest: “${closest.incident.title}” at ${roundScore(closest.score)})`
      : `No open incident with an alert in the last ${formatDuration(windowMs)}`;
  return {
    join: null,
    correlation: {
      strategy: 'new',
      score: 1,
      details: { ...(winner?.details ?? {}), new: { score: roundScore(closest?.score ?? 0), reason } },
      shadow,
      wouldJoinIncidentId: shadow ? (winner?.incident.id ?? null) : null,
    },
    evaluations,
  };
}
