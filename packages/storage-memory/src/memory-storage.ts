import {
  AuroraError,
  type Clock,
  type Storage,
  type StorageRepositories,
  systemClock,
} from '@aurora-rca/core';
import { Mutex } from './mutex.js';
import { alertRepository } from './repositories/alerts.js';
import { chatRepository } from './repositories/chat.js';
import { citationRepository } from './repositories/citations.js';
import type { RepositoryContext } from './repositories/context.js';
import { deadLetterRepository } from './repositories/dead-letters.js';
import { eventLogRepository } from './repositories/events.js';
import { incidentRepository } from './repositories/incidents.js';
import { postmortemRepository } from './repositories/postmortems.js';
import { suggestionRepository } from './repositories/suggestions.js';
import { thoughtRepository } from './repositories/thoughts.js';
import { autoCommitSession, type Session, TransactionSession } from './session.js';
import { createTables, type Tables } from './tables/index.js';

/** Options of {@link memoryStorage}. */
export interface MemoryStorageOptions {
  /** Time source for `updatedAt` when an update does not carry one. @default the system clock */
  clock?: Clock;
  /**
   * How long a write or transaction waits while the lock has not changed hands before it
   * fails with `TIMEOUT` (a write through the outer storage inside `transaction(fn)` would
   * otherwise wait forever). @default 5000
   */
  lockStallMs?: number;
}

/** The transaction handle: the repositories, plus `transaction` reusing the same one. */
export type MemoryTransaction = StorageRepositories & Pick<Storage, 'transaction'>;

function repositories(tables: Tables, session: Session, clock: Clock): StorageRepositories {
  const ctx: RepositoryContext = { tables, session, clock };
  return {
    incidents: incidentRepository(ctx),
    alerts: alertRepository(ctx),
    thoughts: thoughtRepository(ctx),
    citations: citationRepository(ctx),
    suggestions: suggestionRepository(ctx),
    chat: chatRepository(ctx),
    postmortems: postmortemRepository(ctx),
    events: eventLogRepository(ctx),
    deadLetters: deadLetterRepository(ctx),
  };
}

/**
 * The in-memory reference {@link Storage}: every rule of the contract, nothing persisted.
 *
 * - Queries run on indexes (per tenant: incidents by status × `startedAt`, open incidents by
 *   `lastAlertAt` overall and per service, alerts by dedup key, incident and `startedAt`), so
 *   `findActive` stays fast with 100,000 open incidents.
 * - Records are deep-copied (`structuredClone`) on the way in and out.
 * - Writes and transactions are serialized by one lock; a transaction keeps an undo log and
 *   rolls everything back if `fn` throws. Reads do not wait for the lock, so a read outside a
 *   running transaction may see its uncommitted writes.
 * - Thoughts, citations, suggestions, chat sessions and postmortems need an incident of the
 *   same tenant (`NOT_FOUND` otherwise), as a foreign key would.
 *
 * @example
 * ```ts
 * import { memoryStorage } from '@aurora-rca/storage-memory';
 * const storage = memoryStorage();
 * await storage.incidents.list('tenant-1');
 * ```
 */
export function memoryStorage(options: MemoryStorageOptions = {}): Storage {
  return memoryStorageOver(createTables(), options);
}

/** {@link memoryStorage} over given tables (tests break a table on purpose). Not exported by the package. */
export function memoryStorageOver(tables: Tables, options: MemoryStorageOptions = {}): Storage {
  const clock = options.clock ?? systemClock;
  const stallMs = options.lockStallMs ?? 5000;
  if (!(stallMs > 0)) throw new AuroraError('INVALID_INPUT', 'lockStallMs must be a positive number');
  const mutex = new Mutex(stallMs);
  const outer = repositories(tables, autoCommitSession(mutex), clock);

  return {
    specificationVersion: 'v1',
    name: 'memory',
    ...outer,
    async transaction(fn) {
      const release = await mutex.acquire();
      const session = new TransactionSession();
      const repos = repositories(tables, session, clock);
      const tx: MemoryTransaction = { ...repos, transaction: (inner) => inner(tx) };
      try {
        const result = await fn(tx);
        session.commit();
        return result;
      } catch (error) {
        session.rollback();
        throw error;
      } finally {
        release();
      }
    },
    async close() {},
  };
}
