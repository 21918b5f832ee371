import { describe, expect, it } from 'vitest';
import { getPath, parsePath } from './field-path.js';

describe('field paths', () => {
  it('parses dots, indexes and quoted keys', () => {
    expect(parsePath('alerts[0].labels.alertname')).toEqual(['alerts', 0, 'labels', 'alertname']);
    expect(parsePath('data["Problem URL"]')).toEqual(['data', 'Problem URL']);
    expect(parsePath("meta['a.b']")).toEqual(['meta', 'a.b']);
    expect(parsePath('data.Problem URL')).toEqual(['data', 'Problem URL']); // spaces need no quotes
    expect(parsePath('a["q\\"uote"]')).toEqual(['a', 'q"uote']);
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[x]', 'a[0'])('rejects malformed %j', (p) => {
    expect(parsePath(p)).toBeNull();
  });

  it('reads own properties only, and misses cleanly', () => {
    const body = { data: { 'Problem URL': 'https://x', list: [{ id: 7 }] } };
    expect(getPath(body, parsePath('data["Problem URL"]')!)).toBe('https://x');
    expect(getPath(body, parsePath('data.list[0].id')!)).toBe(7);
    expect(getPath(body, parsePath('data.list[1].id')!)).toBeUndefined();
    expect(getPath(body, parsePath('data.toString')!)).toBeUndefined();
    expect(getPath(body, parsePath('__proto__')!)).toBeUndefined();
  });
});
