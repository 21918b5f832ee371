import type { Postmortem, PostmortemRepository } from '@aurora-rca/core';
import { copy, key } from '../util.js';
import type { RepositoryContext } from './context.js';
import { assertIncident } from './parents.js';

/** Postmortem versions: version n is position n of the incident's list. */
export function postmortemRepository({ tables, session }: RepositoryContext): PostmortemRepository {
  return {
    save: (tenantId, incidentId, draft, newId) =>
      session.write((log) => {
        assertIncident(tables, tenantId, incidentId);
        const parent = key(tenantId, incidentId);
        const postmortem: Postmortem = {
          id: newId(),
          tenantId,
          incidentId,
          version: tables.postmortems.nextSeq(parent),
          sections: copy(draft.sections),
          markdown: draft.markdown,
          generatedBy: draft.generatedBy,
          createdAt: draft.createdAt,
        };
        tables.postmortems.append(parent, postmortem, log);
        return copy(postmortem);
      }),

    latest: (tenantId, incidentId) =>
      session.read(() => copy(tables.postmortems.list(key(tenantId, incidentId)).at(-1) ?? null)),

    listVersions: (tenantId, incidentId) =>
      session.read(() => tables.postmortems.list(key(tenantId, incidentId)).map(copy)),
  };
}
