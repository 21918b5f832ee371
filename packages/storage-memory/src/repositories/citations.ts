import { Citation, type CitationRepository } from '@aurora-rca/core';
import { setUndoable } from '../tables/index.js';
import { build, copy, key } from '../util.js';
import type { RepositoryContext } from './context.js';
import { assertIncident } from './parents.js';

/** Citations: key "n" is position n of the incident's list, so keys are gap-free and numeric-ordered. */
export function citationRepository({ tables, session }: RepositoryContext): CitationRepository {
  return {
    append: (tenantId, incidentId, draft, newId) =>
      session.write((log) => {
        assertIncident(tables, tenantId, incidentId);
        const parent = key(tenantId, incidentId);
        const clientKey = draft.clientKey ?? null;
        const existing = clientKey === null ? undefined : tables.citationKeys.get(key(parent, clientKey));
        if (existing) return copy(existing);
        const citation = build(
          Citation,
          {
            ...copy(draft),
            id: newId(),
            tenantId,
            incidentId,
            key: String(tables.citations.nextSeq(parent)),
          },
          'citation',
        );
        tables.citations.append(parent, citation, log);
        if (clientKey !== null) setUndoable(tables.citationKeys, key(parent, clientKey), citation, log);
        return copy(citation);
      }),

    get: (tenantId, incidentId, citationKey) =>
      session.read(() => {
        if (!/^[1-9]\d*$/.test(citationKey)) return null;
        return copy(tables.citations.list(key(tenantId, incidentId))[Number(citationKey) - 1] ?? null);
      }),

    list: (tenantId, incidentId) =>
      session.read(() => tables.citations.list(key(tenantId, incidentId)).map(copy)),
  };
}
