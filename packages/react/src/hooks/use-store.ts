import type { ReadableStore } from '@aurora-rca/core/client';
import { useSyncExternalStore } from 'react';

/** Reads a client store; re-renders when its snapshot changes. */
export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
