import { normalizeService } from './service-name.js';
import type { CorrelationStrategy } from './types.js';

/**
 * Same service scores 1. With a `TopologyProvider`, a neighbour of the alert's service in
 * the incident's blast radius scores `decay ** distance` (recorded as `topology`). An alert
 * or incident without a known service scores 0: `unknown` never matches `unknown`.
 */
export function serviceStrategy(): CorrelationStrategy {
  return {
    name: 'service',
    score(_subject, { incident }, context) {
      const service = context.service;
      if (!service) return { score: 0, reason: 'The alert has no known service' };
      const services = incident.affectedServices.map(normalizeService).filter((s): s is string => s !== null);
      if (services.length === 0) return { score: 0, reason: 'The incident has no known service' };
      if (services.includes(service)) return { score: 1, reason: `Same service: ${service}` };
      let best: { score: number; reason: string } | null = null;
      for (const s of services) {
        const n = context.neighbours.get(s);
        if (!n || n.distance > context.options.topology.maxDistance) continue;
        const score = context.options.topology.decay ** n.distance;
        if (!best || score > best.score) {
          const hops = n.distance === 1 ? 'direct' : `${n.distance} hops`;
          best = { score, reason: `${s} is ${n.direction} of ${service} (${hops})` };
        }
      }
      if (best) return { ...best, as: 'topology' };
      return { score: 0, reason: `No shared or neighbouring service (${service} vs ${services.join(', ')})` };
    },
  };
}
