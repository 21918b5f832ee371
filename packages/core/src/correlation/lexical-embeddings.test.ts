import { describe, expect, it } from 'vitest';
import { lexicalEmbeddings, lexicalTokens } from './lexical-embeddings.js';
import { cosine, toUnitVector } from './vector.js';

const emb = lexicalEmbeddings();
const sim = (a: string, b: string) => cosine(toUnitVector(emb.embed(a)), toUnitVector(emb.embed(b)));

describe('lexicalEmbeddings', () => {
  it('is deterministic and unit length', async () => {
    const [a] = await emb.embedDocuments(['High CPU usage on checkout']);
    const b = await emb.embedQuery('High CPU usage on checkout');
    expect(a).toEqual(b);
    expect(Math.hypot(...b)).toBeCloseTo(1, 6);
    expect(b).toHaveLength(512);
  });

  it('ranks the same problem on another host above an unrelated alert', () => {
    const same = sim('High CPU Temperature on andromeda', 'High CPU Temperature on cassiopeia');
    const unrelated = sim('High CPU Temperature on andromeda', 'Disk quota exceeded for backups bucket');
    expect(same).toBeGreaterThan(0.6);
    expect(unrelated).toBeLessThan(0.2);
  });

  it('folds numbers so changing values do not change the text', () => {
    expect(sim('CPU core temperature is 34.75C', 'CPU core temperature is 17.625C')).toBeGreaterThan(0.95);
    expect(lexicalTokens('db-01 at 91%')).toEqual(['db', 'at']);
  });

  it('embeds empty text as a zero vector that matches nothing', () => {
    expect(sim('', 'anything')).toBe(0);
  });

  it('rejects a useless dimension', () => {
    expect(() => lexicalEmbeddings({ dimensions: 2 })).toThrow(RangeError);
  });
});
