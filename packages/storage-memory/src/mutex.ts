import { AuroraError } from '@aurora-rca/core';

interface Waiter {
  grant(release: () => void): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * A FIFO lock serializing writes and transactions.
 *
 * Deadlock guard: a write made through the outer storage from inside a transaction
 * callback waits for a lock its own transaction holds. Rather than hang, a waiter gives
 * up with `TIMEOUT` once the lock has not changed hands for `stallMs`.
 */
export class Mutex {
  private locked = false;
  private readonly queue: Waiter[] = [];
  private handedOffAt = Date.now();

  constructor(private readonly stallMs: number) {}

  acquire(): Promise<() => void> {
    if (!this.locked) {
      this.locked = true;
      this.handedOffAt = Date.now();
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, reject, timer: undefined };
      this.queue.push(waiter);
      this.watch(waiter, this.stallMs);
    });
  }

  private watch(waiter: Waiter, delay: number): void {
    waiter.timer = setTimeout(() => {
      const stalled = Date.now() - this.handedOffAt;
      if (stalled < this.stallMs) return this.watch(waiter, this.stallMs - stalled);
      const at = this.queue.indexOf(waiter);
      if (at >= 0) this.queue.splice(at, 1);
      waiter.reject(
        new AuroraError(
          'TIMEOUT',
          `memory storage: waited ${this.stallMs} ms for a transaction to finish. A write through the storage ` +
            'inside transaction(fn) deadlocks; use the repositories handed to fn instead.',
        ),
      );
    }, delay);
    (waiter.timer as { unref?: () => void }).unref?.();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      this.handedOffAt = Date.now();
      if (!next) {
        this.locked = false;
        return;
      }
      clearTimeout(next.timer);
      next.grant(this.releaser());
    };
  }
}
