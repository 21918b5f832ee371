import { describe, expect, it } from 'vitest';
import { copy } from './util.js';

describe('copy', () => {
  it('deep-copies JSON-shaped records so no nested object is shared', () => {
    const record = {
      id: 'a',
      labels: { k: 'v' },
      list: [{ n: 1 }, null, 'x'],
      raw: { deep: { deeper: [1] } },
    };
    const out = copy(record);
    expect(out).toEqual(record);
    out.labels.k = 'changed';
    out.list[0] = { n: 2 };
    out.raw.deep.deeper.push(2);
    expect(record).toEqual({
      id: 'a',
      labels: { k: 'v' },
      list: [{ n: 1 }, null, 'x'],
      raw: { deep: { deeper: [1] } },
    });
  });

  it('keeps non-plain values (Date, Map) and cycles intact, like structuredClone', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = copy({ when, map: new Map([['a', 1]]), cyclic });
    expect(out.when).toBeInstanceOf(Date);
    expect(out.when).not.toBe(when);
    expect(out.when.getTime()).toBe(when.getTime());
    expect(out.map.get('a')).toBe(1);
    let node = out.cyclic as Record<string, unknown>;
    for (let i = 0; i < 100; i++) node = node.self as Record<string, unknown>;
    expect(node.name).toBe('loop');
    expect(out.cyclic).not.toBe(cyclic);
  });
});
