import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../../storage-memory/src/index.js';
import type { Thought } from '../model/index.js';
import { makeIncident } from '../testing/conformance/builders.js';
import { systemClock } from '../util/clock.js';
import { sequentialIds } from '../util/ids.js';
import { createThoughtWriter, lastSentenceBoundary } from './thought-writer.js';

async function writer(prefix = 'run_1:0') {
  const storage = memoryStorage();
  await storage.incidents.create(makeIncident({ id: 'inc_1', tenantId: 't' }));
  const published: Thought[][] = [];
  const w = createThoughtWriter({
    storage,
    publisher: {
      publish: async (e) => {
        if (e.type === 'thought') published.push(e.thoughts);
        return { ...e, id: '1' } as never;
      },
    },
    clock: systemClock,
    ids: sequentialIds(),
    tenantId: 't',
    incidentId: 'inc_1',
    keyPrefix: prefix,
  });
  const stored = async () => (await storage.thoughts.list('t', 'inc_1')).map((t) => t.content);
  return { w, stored, published, storage };
}

describe('thought writer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T12:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the first complete sentence at once and never splits a sentence on its own', async () => {
    const { w, stored } = await writer();
    for (const t of ['The pod ', 'is OOMKi', 'lled. It res', 'tarted 4 times']) w.push(t);
    await vi.advanceTimersByTimeAsync(0);
    expect(await stored()).toEqual(['The pod is OOMKilled.']);
    // A sentence still open after seconds stays buffered.
    await vi.advanceTimersByTimeAsync(5000);
    expect(await stored()).toEqual(['The pod is OOMKilled.']);
  });

  it('batches sentences that complete within a second into one write', async () => {
    const { w, stored, published } = await writer();
    w.push('First. ');
    await vi.advanceTimersByTimeAsync(100);
    w.push('Second. Third ');
    await vi.advanceTimersByTimeAsync(100);
    w.push('one. Fourth');
    await vi.advanceTimersByTimeAsync(700);
    expect(await stored()).toEqual(['First.']);
    await vi.advanceTimersByTimeAsync(100);
    expect(await stored()).toEqual(['First.', 'Second. Third one.']);
    expect(published).toHaveLength(2);
  });

  it('flush writes an unfinished sentence (tool boundary or end)', async () => {
    const { w, stored } = await writer();
    w.push('Checking the pods of');
    await w.flush();
    expect(await stored()).toEqual(['Checking the pods of']);
    await w.flush();
    expect(await stored()).toHaveLength(1);
  });

  it('does not duplicate thoughts when a resumed run repeats the same text', async () => {
    const a = await writer('run_1:3');
    a.w.push('Same words.');
    await a.w.flush();
    const again = createThoughtWriter({
      storage: a.storage,
      publisher: { publish: async (e) => ({ ...e, id: '2' }) as never },
      clock: systemClock,
      ids: sequentialIds(),
      tenantId: 't',
      incidentId: 'inc_1',
      keyPrefix: 'run_1:3',
    });
    again.push('Same words.');
    await again.flush();
    expect(await a.stored()).toEqual(['Same words.']);
  });

  it('knows where sentences end', () => {
    expect(lastSentenceBoundary('Version v1.')).toBe(0);
    expect(lastSentenceBoundary('Version v1.2 is out. Next')).toBe(21);
    expect(lastSentenceBoundary('Steps:\n- one')).toBe(7);
    expect(lastSentenceBoundary('no end')).toBe(0);
    expect(lastSentenceBoundary('Note: the pod')).toBe(0);
    expect(lastSentenceBoundary('It said "done." Then')).toBe(16);
  });
});
