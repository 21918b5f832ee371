import type { AuroraError } from '../errors.js';
import { toAuroraError } from './errors.js';
import { Store } from './store.js';

/** Snapshot of a {@link MutationStore}. */
export interface MutationState<TData, TVariables> {
  status: 'idle' | 'pending' | 'success' | 'error';
  data: TData | undefined;
  error: AuroraError | null;
  variables: TVariables | undefined;
}

/**
 * One mutation's lifecycle (TanStack Query's `useMutation` model): `mutate` records
 * pending → success/error in the snapshot; only the latest call's outcome is kept.
 */
export class MutationStore<TData, TVariables> extends Store<MutationState<TData, TVariables>> {
  readonly #fn: (variables: TVariables) => Promise<TData>;
  #call = 0;

  constructor(fn: (variables: TVariables) => Promise<TData>) {
    super({ status: 'idle', data: undefined, error: null, variables: undefined }, { idleDelayMs: 0 });
    this.#fn = fn;
  }

  /** Runs the mutation; rejects with an `AuroraError` on failure (also recorded in the state). */
  readonly mutateAsync = async (variables: TVariables): Promise<TData> => {
    const call = ++this.#call;
    this.setState({ status: 'pending', data: undefined, error: null, variables });
    try {
      const data = await this.#fn(variables);
      if (call === this.#call) this.setState({ status: 'success', data, error: null, variables });
      return data;
    } catch (error) {
      const e = toAuroraError(error);
      if (call === this.#call) this.setState({ status: 'error', data: undefined, error: e, variables });
      throw e;
    }
  };

  /** Like `mutateAsync` but never rejects: read the outcome from the state. */
  readonly mutate = (variables: TVariables): Promise<TData | undefined> =>
    this.mutateAsync(variables).catch(() => undefined);

  /** Back to idle. */
  readonly reset = (): void => {
    this.#call++;
    this.setState({ status: 'idle', data: undefined, error: null, variables: undefined });
  };
}
