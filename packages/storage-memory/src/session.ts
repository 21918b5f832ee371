import { AuroraError } from '@aurora-rca/core';
import type { Mutex } from './mutex.js';

/** Records how to reverse one in-memory mutation. */
export type UndoLog = (undo: () => void) => void;

/**
 * How repositories reach the tables. Every mutation is a synchronous `op`, so it never
 * interleaves with another; `write` makes it atomic (undone if it throws half-way) and,
 * outside a transaction, serializes it behind running transactions.
 */
export interface Session {
  write<T>(op: (log: UndoLog) => T): Promise<T>;
  read<T>(op: () => T): Promise<T>;
}

/** Run `op`; if it throws, undo what it did. On success hand its undo entries to `parent`. */
function atomically<T>(op: (log: UndoLog) => T, parent?: UndoLog): T {
  const local: (() => void)[] = [];
  try {
    const result = op((undo) => local.push(undo));
    if (parent) for (const undo of local) parent(undo);
    return result;
  } catch (error) {
    for (let i = local.length - 1; i >= 0; i--) local[i]!();
    throw error;
  }
}

/** Writes outside a transaction: each one a tiny transaction of its own. */
export function autoCommitSession(mutex: Mutex): Session {
  return {
    async write(op) {
      const release = await mutex.acquire();
      try {
        return atomically(op);
      } finally {
        release();
      }
    },
    async read(op) {
      return op();
    },
  };
}

/** A transaction's session: writes join its undo log; usable only while it runs. */
export class TransactionSession implements Session {
  private readonly undo: (() => void)[] = [];
  private open = true;

  async write<T>(op: (log: UndoLog) => T): Promise<T> {
    this.assertOpen();
    return atomically(op, (u) => this.undo.push(u));
  }

  async read<T>(op: () => T): Promise<T> {
    this.assertOpen();
    return op();
  }

  commit(): void {
    this.open = false;
    this.undo.length = 0;
  }

  rollback(): void {
    this.open = false;
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    this.undo.length = 0;
  }

  private assertOpen(): void {
    if (!this.open) {
      throw new AuroraError(
        'INTERNAL',
        'memory storage: this transaction already finished; its repositories are closed',
      );
    }
  }
}
