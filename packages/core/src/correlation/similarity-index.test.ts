import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from './similarity-index.js';
import { toUnitVector } from './vector.js';

const v = (...xs: number[]) => toUnitVector(xs);

describe('SimilarityIndex', () => {
  it('returns similar incidents active since a time, best first, per tenant', () => {
    const index = new SimilarityIndex({ bucketMs: 60_000 });
    index.upsert('t1', 'a', v(1, 0), 100_000);
    index.upsert('t1', 'b', v(1, 1), 150_000);
    index.upsert('t1', 'old', v(1, 0), 10_000);
    index.upsert('t2', 'other', v(1, 0), 150_000);
    expect(index.query('t1', v(1, 0), 50_000, 10, 0.5).map((h) => h.incidentId)).toEqual(['a', 'b']);
    expect(index.query('t1', v(0, 1), 50_000, 10, 0.9)).toEqual([]);
  });

  it('moves an incident when its last alert changes and forgets removed ones', () => {
    const index = new SimilarityIndex({ bucketMs: 60_000 });
    index.upsert('t1', 'a', v(1, 0), 0);
    index.upsert('t1', 'a', v(1, 0), 200_000);
    expect(index.query('t1', v(1, 0), 150_000, 10, 0)).toHaveLength(1);
    index.remove('t1', 'a');
    expect(index.size).toBe(0);
  });

  it('drops buckets that fell far behind the newest entry', () => {
    const index = new SimilarityIndex({ bucketMs: 60_000 });
    for (let i = 0; i < 100; i++) index.upsert('t1', `i${i}`, v(1, 0), i * 60_000);
    expect(index.size).toBeLessThanOrEqual(5);
  });
});
