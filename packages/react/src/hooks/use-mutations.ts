import type {
  IncidentResponse,
  MergeResponse,
  MutationState,
  MutationStore,
  PatchIncidentBody,
} from '@aurora-rca/core/client';
import { useMemo, useState } from 'react';
import { useAuroraClient } from '../provider.js';
import { useStore } from './use-store.js';

/** A mutation hook's result (TanStack Query's `useMutation` shape). */
export interface UseMutationResult<TData, TVariables> extends MutationState<TData, TVariables> {
  /** Runs it; never rejects (read `status`/`error`). */
  mutate: (variables: TVariables) => Promise<TData | undefined>;
  /** Runs it; rejects with an `AuroraError`. */
  mutateAsync: (variables: TVariables) => Promise<TData>;
  reset: () => void;
  isPending: boolean;
}

function useClientMutation<TData, TVariables>(
  make: () => MutationStore<TData, TVariables>,
): UseMutationResult<TData, TVariables> {
  const [store] = useState(make);
  const state = useStore(store);
  return useMemo(
    () => ({
      ...state,
      mutate: store.mutate,
      mutateAsync: store.mutateAsync,
      reset: store.reset,
      isPending: state.status === 'pending',
    }),
    [state, store],
  );
}

/** Variables of {@link useMergeIncident}. */
export interface MergeVariables {
  /** The incident that is merged away (becomes `merged`). */
  sourceId: string;
  /** The incident that receives its alerts and findings. */
  targetId: string;
}

/**
 * Merges one incident into another. On success both incidents are updated in every live
 * list and detail.
 *
 * @example
 * ```tsx
 * const merge = useMergeIncident();
 * <button onClick={() => merge.mutate({ sourceId, targetId })} disabled={merge.isPending}>Merge</button>
 * ```
 */
export function useMergeIncident(): UseMutationResult<MergeResponse, MergeVariables> {
  const client = useAuroraClient();
  return useClientMutation(() =>
    client.mutation((v: MergeVariables) => client.mergeIncident(v.sourceId, v.targetId)),
  );
}

/** Variables of {@link useUpdateIncident}. */
export interface UpdateVariables {
  id: string;
  patch: PatchIncidentBody;
}

/**
 * Updates an incident (status, summary, title). Resolving it generates the postmortem,
 * which then arrives on the incident's stream. Invalid transitions fail with
 * `INVALID_TRANSITION`.
 */
export function useUpdateIncident(): UseMutationResult<IncidentResponse, UpdateVariables> {
  const client = useAuroraClient();
  return useClientMutation(() =>
    client.mutation((v: UpdateVariables) => client.updateIncident(v.id, v.patch)),
  );
}
