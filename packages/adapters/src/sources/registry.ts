import { type AlertSource, AuroraError, resolveAlertSource } from '@aurora-rca/core';

/** Alert sources by id: what the webhook route and `aurora normalize` look sources up in. */
export interface SourceRegistry {
  /** The source with this id, or `undefined`. */
  get(id: string): AlertSource | undefined;
  /** The source with this id. @throws AuroraError `NOT_FOUND` naming the known ids. */
  require(id: string): AlertSource;
  /** Known ids, in registration order. */
  ids(): string[];
  list(): AlertSource[];
}

/**
 * Builds a registry; every source is checked with `resolveAlertSource` (spec version).
 * A later source with the same id replaces an earlier one, so hosts can override a built-in.
 *
 * @example
 * ```ts
 * const registry = createSourceRegistry([...builtInSources(), grafanaSource({ defaultSeverity: 'high' })]);
 * registry.require('grafana').parse(body, { headers, receivedAt });
 * ```
 */
export function createSourceRegistry(sources: readonly AlertSource[]): SourceRegistry {
  const byId = new Map<string, AlertSource>();
  for (const s of sources) byId.set(s.id, resolveAlertSource(s));
  return {
    get: (id) => byId.get(id),
    require(id) {
      const s = byId.get(id);
      if (!s) {
        const known = [...byId.keys()].join(', ');
        throw new AuroraError('NOT_FOUND', `Unknown alert source '${id}' (known: ${known})`, {
          details: { kind: 'source', id, known: [...byId.keys()] },
        });
      }
      return s;
    },
    ids: () => [...byId.keys()],
    list: () => [...byId.values()],
  };
}
