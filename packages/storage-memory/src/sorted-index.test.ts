import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedIndex } from './sorted-index.js';

type Entry = { key: number; id: string };
const asc = (a: Entry, b: Entry) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('SortedIndex', () => {
  it('matches a sorted array through inserts, removals and bounded descending scans', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        key: fc.integer({ min: 0, max: 50 }),
        id: fc.nat(60),
      }),
      fc.record({
        kind: fc.constant('remove' as const),
        key: fc.integer({ min: 0, max: 50 }),
        id: fc.nat(60),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 300 }),
        fc.integer({ min: 0, max: 50 }),
        fc.option(fc.record({ key: fc.integer({ min: 0, max: 50 }), id: fc.nat(60) }), { nil: undefined }),
        (ops, min, rawBefore) => {
          // A tiny chunk size so splits, merges and chunk boundaries are exercised.
          const index = new SortedIndex(2);
          let model: Entry[] = [];
          for (const o of ops) {
            const entry = { key: o.key, id: `id${String(o.id).padStart(3, '0')}` };
            const present = model.some((e) => e.key === entry.key && e.id === entry.id);
            if (o.kind === 'insert' && !present) {
              index.insert(entry.key, entry.id);
              model.push(entry);
            } else if (o.kind === 'remove') {
              expect(index.remove(entry.key, entry.id)).toBe(present);
              model = model.filter((e) => e.key !== entry.key || e.id !== entry.id);
            }
          }
          model.sort(asc);
          expect(index.size).toBe(model.length);
          const before = rawBefore && {
            key: rawBefore.key,
            id: `id${String(rawBefore.id).padStart(3, '0')}`,
          };
          const expected = model
            .filter((e) => e.key >= min && (!before || asc(e, before) < 0))
            .reverse()
            .map((e) => `${e.key}:${e.id}`);
          const actual = [...index.descending({ min, ...(before ? { before } : {}) })].map(
            (e) => `${e.key}:${e.id}`,
          );
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
