import type { Clock } from '@aurora-rca/core';
import type { Session } from '../session.js';
import type { Tables } from '../tables/index.js';

/** What every repository closes over. */
export interface RepositoryContext {
  tables: Tables;
  session: Session;
  clock: Clock;
}
