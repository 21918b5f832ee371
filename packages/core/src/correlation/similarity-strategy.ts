import { roundScore } from './format.js';
import type { CorrelationStrategy } from './types.js';
import { cosine } from './vector.js';

/** Cosine similarity of the alert's and the incident's text embeddings, clamped to 0..1. */
export function similarityStrategy(): CorrelationStrategy {
  return {
    name: 'similarity',
    score({ vector }, candidate) {
      if (!vector || !candidate.vector) return { score: 0, reason: 'No embedding available' };
      const score = Math.max(0, Math.min(1, cosine(vector, candidate.vector)));
      return {
        score,
        reason: `Text similarity ${roundScore(score)} with “${truncate(candidate.incident.title, 80)}”`,
      };
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
