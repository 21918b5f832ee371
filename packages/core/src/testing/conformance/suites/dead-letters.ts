import { suiteOf } from '../assert.js';
import { makeDeadLetter } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('dead-letters');

/** Unparseable webhook bodies, kept whole. */
export function deadLetterChecks(): ConformanceCheck[] {
  return [
    check('insert() keeps the body and headers whole; list() returns it', async ({ storage, tenantId }) => {
      const body = JSON.stringify({ weird: 'payload', emoji: '🔥', nested: { a: [1, 2] } });
      const deadLetter = makeDeadLetter({ tenantId, body, headers: { 'x-grafana-signature': 'abc' } });
      expect(await storage.deadLetters.insert(deadLetter)).toEqual(deadLetter);
      expect(await storage.deadLetters.list(tenantId)).toEqual([deadLetter]);
    }),
    check('list() respects limit', async ({ storage, tenantId }) => {
      for (let i = 0; i < 4; i++)
        await storage.deadLetters.insert(makeDeadLetter({ tenantId, reason: `r${i}` }));
      expect(await storage.deadLetters.list(tenantId, { limit: 2 })).toHaveLength(2);
      expect(await storage.deadLetters.list(tenantId)).toHaveLength(4);
    }),
    check(
      'records are copies: mutating inputs or results does not change storage',
      async ({ storage, tenantId }) => {
        const deadLetter = makeDeadLetter({ tenantId });
        const stored = await storage.deadLetters.insert(deadLetter);
        deadLetter.headers.mutated = 'input';
        stored.headers.mutated = 'result';
        const [listed] = await storage.deadLetters.list(tenantId);
        expect(listed?.headers).toEqual({ 'content-type': 'application/json' });
      },
    ),
  ];
}
