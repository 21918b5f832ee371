import { describe, expect, it } from 'vitest';
import { citedKeys, enforceCitations } from './citation-check.js';

describe('enforceCitations', () => {
  it('keeps allowed keys, removes others and reports them', () => {
    const r = enforceCitations('OOMKilled [1, 2] per logs [3]. Limit [1][4].', new Set(['1']));
    expect(r.text).toBe('OOMKilled [1] per logs. Limit [1].');
    expect(r.removed).toEqual(['2', '3', '4']);
  });

  it('leaves text without citations and non-numeric brackets alone', () => {
    expect(enforceCitations('see [docs] and [a1]', new Set()).text).toBe('see [docs] and [a1]');
    expect(citedKeys('a [2] b [1, 2]')).toEqual(['2', '1']);
  });
});
