import type { IncidentState } from '@aurora-rca/core/client';
import { useMemo } from 'react';
import { useAuroraClient } from '../provider.js';
import { useStore } from './use-store.js';

/** What {@link useIncident} returns. */
export interface UseIncidentResult extends IncidentState {
  refetch: () => Promise<boolean>;
}

/**
 * One incident's page, live: the detail (incident, alerts with raw payloads, thoughts,
 * citations, suggestions, chat sessions, postmortem), with thoughts and citations appended
 * as they stream — deduplicated by id and ordered by `seq`/`key`. Rows that did not change
 * keep their object identity, so memoized children skip re-rendering.
 *
 * @example
 * ```tsx
 * const { data, status, error } = useIncident(id);
 * if (error?.code === 'NOT_FOUND') return <p>No such incident</p>;
 * ```
 */
export function useIncident(incidentId: string): UseIncidentResult {
  const client = useAuroraClient();
  const store = useMemo(() => client.incident(incidentId), [client, incidentId]);
  const state = useStore(store);
  return useMemo(() => ({ ...state, refetch: () => store.refetch() }), [state, store]);
}
