import type { DeadLetterRepository } from '@aurora-rca/core';
import { clampLimit, copy } from '../util.js';
import type { RepositoryContext } from './context.js';

/** Dead letters per tenant; `list` is newest first, 100 by default. */
export function deadLetterRepository({ tables, session }: RepositoryContext): DeadLetterRepository {
  return {
    insert: (deadLetter) =>
      session.write((log) => {
        const row = copy(deadLetter);
        tables.deadLetters.append(deadLetter.tenantId, row, log);
        return copy(row);
      }),

    list: (tenantId, query = {}) =>
      session.read(() => {
        const limit = clampLimit(query.limit, 100);
        return tables.deadLetters.list(tenantId).slice(-limit).reverse().map(copy);
      }),
  };
}
