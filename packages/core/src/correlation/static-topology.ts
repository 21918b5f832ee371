import { z } from 'zod';
import { AuroraError } from '../errors.js';
import type { ServiceNeighbour, TopologyProvider } from '../spec/topology.js';
import { normalizeService } from './service-name.js';

/**
 * A service graph written by hand (or exported from a service catalog): each service lists
 * the services it calls. Strict: a typo'd key is an error.
 *
 * @example
 * ```json
 * { "dependencies": { "checkout": ["payments", "inventory"], "payments": ["ledger"] } }
 * ```
 */
export const StaticTopology = z.strictObject({
  dependencies: z.record(z.string().min(1), z.array(z.string().min(1))),
});
export type StaticTopology = z.infer<typeof StaticTopology>;

/**
 * A {@link TopologyProvider} over a fixed graph, the same for every tenant. Neighbours are
 * found breadth-first in both directions: `downstream` are services this one calls
 * (directly or through others), `upstream` are services calling it. Service names are
 * compared normalized (case-insensitive).
 *
 * @param maxDistance How far to walk. @default 3
 * @throws AuroraError `INVALID_INPUT` when the graph does not match {@link StaticTopology}
 */
export function staticTopology(graph: StaticTopology, maxDistance = 3): TopologyProvider {
  const parsed = StaticTopology.safeParse(graph);
  if (!parsed.success) {
    throw new AuroraError('INVALID_INPUT', `Invalid topology: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
      details: { issues: parsed.error.issues },
    });
  }
  const down = new Map<string, Set<string>>();
  const up = new Map<string, Set<string>>();
  const link = (map: Map<string, Set<string>>, a: string, b: string) => {
    let set = map.get(a);
    if (!set) {
      set = new Set();
      map.set(a, set);
    }
    set.add(b);
  };
  for (const [from, tos] of Object.entries(parsed.data.dependencies)) {
    const f = normalizeService(from);
    if (!f) continue;
    for (const to of tos) {
      const t = normalizeService(to);
      if (!t || t === f) continue;
      link(down, f, t);
      link(up, t, f);
    }
  }
  const walk = (start: string, edges: Map<string, Set<string>>, direction: ServiceNeighbour['direction']) => {
    const out: ServiceNeighbour[] = [];
    const seen = new Set([start]);
    let frontier = [start];
    for (let distance = 1; distance <= maxDistance && frontier.length > 0; distance++) {
      const next: string[] = [];
      for (const s of frontier) {
        for (const n of edges.get(s) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          next.push(n);
          out.push({ service: n, distance, direction });
        }
      }
      frontier = next;
    }
    return out;
  };
  return {
    async neighbours(_tenantId, service) {
      const s = normalizeService(service);
      if (!s) return [];
      return [...walk(s, down, 'downstream'), ...walk(s, up, 'upstream')];
    },
  };
}
