/** A listener called after every state change. */
export type Listener = () => void;

/**
 * What every client store exposes: the `subscribe` / `getSnapshot` pair that React's
 * `useSyncExternalStore` (or any other UI binding) reads. Snapshots are immutable: a change
 * produces a new object, unchanged records keep their identity.
 */
export interface ReadableStore<T> {
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: Listener): () => void;
  /** The current state. Stable between changes (same object). */
  getSnapshot(): T;
}

/** Lifecycle hooks of a {@link Store}: start work for the first subscriber, stop after the last. */
export interface StoreLifecycle {
  onActive?: () => void;
  onIdle?: () => void;
  /**
   * How long to wait after the last subscriber leaves before `onIdle` runs, so a quick
   * unsubscribe/resubscribe (React StrictMode, route changes) keeps the connection.
   * @default 1000
   */
  idleDelayMs?: number;
}

/**
 * A minimal observable state container. `subscribe` and `getSnapshot` are bound, so they
 * can be passed around unbound.
 */
export class Store<T> implements ReadableStore<T> {
  #state: T;
  #listeners = new Set<Listener>();
  #lifecycle: StoreLifecycle;
  #active = false;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(initial: T, lifecycle: StoreLifecycle = {}) {
    this.#state = initial;
    this.#lifecycle = lifecycle;
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    if (this.#idleTimer !== null) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
    }
    if (!this.#active) {
      this.#active = true;
      this.#lifecycle.onActive?.();
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      const delay = this.#lifecycle.idleDelayMs ?? 1000;
      this.#idleTimer = setTimeout(() => {
        this.#idleTimer = null;
        if (this.#listeners.size === 0) this.stop();
      }, delay);
    };
  };

  readonly getSnapshot = (): T => this.#state;

  /** True while at least one subscriber is (or was, within the idle delay) attached. */
  get active(): boolean {
    return this.#active;
  }

  /** Replaces the state (or derives it from the previous one) and notifies when it changed. */
  setState(next: T | ((prev: T) => T)): void {
    const value = typeof next === 'function' ? (next as (prev: T) => T)(this.#state) : next;
    if (Object.is(value, this.#state)) return;
    this.#state = value;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Runs `onIdle` now (if active) regardless of subscribers. Used by `client.close()`. */
  stop(): void {
    if (this.#idleTimer !== null) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
    }
    if (!this.#active) return;
    this.#active = false;
    this.#lifecycle.onIdle?.();
  }
}
