import { describe, it, expect as vitestExpect } from 'vitest';
import { ConformanceAssertionError, deepEqual, expect } from './expect.js';

const fails = (fn: () => void): ConformanceAssertionError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConformanceAssertionError) return error;
    throw error;
  }
  throw new Error('expected the assertion to fail');
};

describe('the kit’s expect', () => {
  it('compares like toEqual: deep, undefined properties ignored, dates by time', () => {
    vitestExpect(deepEqual({ a: [1, { b: 'x' }], c: undefined }, { a: [1, { b: 'x' }] })).toBe(true);
    vitestExpect(deepEqual(new Date(5), new Date(5))).toBe(true);
    vitestExpect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    vitestExpect(deepEqual({ a: null }, { a: undefined })).toBe(false);
    vitestExpect(deepEqual([1], { 0: 1 })).toBe(false);
    vitestExpect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('throws an AssertionError with actual and expected, so runners print a diff', () => {
    const error = fails(() => expect({ seq: [1, 2, 2] }, 'thought seqs').toEqual({ seq: [1, 2, 3] }));
    vitestExpect(error.name).toBe('AssertionError');
    vitestExpect(error.message).toContain('thought seqs');
    vitestExpect(error.actual).toEqual({ seq: [1, 2, 2] });
    vitestExpect(error.expected).toEqual({ seq: [1, 2, 3] });
    vitestExpect(error.showDiff).toBe(true);
  });

  it('supports every matcher the checks use, and their negations', () => {
    expect('a').toBe('a');
    expect(null).toBeNull();
    expect([1, 2]).toContain(2);
    expect([1, 2]).toHaveLength(2);
    expect(3).toBeGreaterThan(2);
    expect(3).toBeLessThanOrEqual(3);
    expect({}).toBeTypeOf('object');
    expect({ a: 1, b: { c: 2, d: 3 } }).toMatchObject({ b: { c: 2 } });
    expect(1).not.toBe(2);
    expect(0).not.toBeNull();
    expect([1]).not.toContain(2);
    fails(() => expect(1).not.toBe(1));
    fails(() => expect([1]).toHaveLength(2));
    fails(() => expect(null).toBeTypeOf('object'));
    fails(() => expect({ a: 1 }).toMatchObject({ a: 2 }));
    fails(() => expect([{ a: 1 }]).toContain({ a: 1 }));
    vitestExpect(() => expect.fail('boom')).toThrow('boom');
  });
});
