import type { IncidentStatus, IncidentsState } from '@aurora-rca/core/client';
import { useMemo } from 'react';
import { useAuroraClient } from '../provider.js';
import { useStore } from './use-store.js';

/** Filters of {@link useIncidents}. */
export interface UseIncidentsOptions {
  /** One status or several; without it every incident except merged ones. */
  status?: IncidentStatus | readonly IncidentStatus[];
  /** Page size. */
  limit?: number;
}

/** What {@link useIncidents} returns. */
export interface UseIncidentsResult extends IncidentsState {
  refetch: () => Promise<boolean>;
  /** Loads the next page (no-op without `nextCursor`). */
  loadMore: () => Promise<void>;
}

/**
 * The caller's incidents, live: new incidents and status changes arrive over SSE (`live`
 * is `'live'`); while the stream is down the list is polled (`live` is `'polling'`).
 *
 * @example
 * ```tsx
 * const { items, status } = useIncidents({ status: ['investigating', 'analyzed'] });
 * ```
 */
export function useIncidents(options: UseIncidentsOptions = {}): UseIncidentsResult {
  const client = useAuroraClient();
  const statusKey = options.status === undefined ? '' : ([] as string[]).concat(options.status).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: statusKey stands for options.status
  const store = useMemo(() => client.incidents(options), [client, statusKey, options.limit]);
  const state = useStore(store);
  return useMemo(
    () => ({ ...state, refetch: () => store.refetch(), loadMore: () => store.loadMore() }),
    [state, store],
  );
}
