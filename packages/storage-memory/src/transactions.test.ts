import { AuroraError, manualClock } from '@aurora-rca/core';
import { makeIncident, makeThoughtDraft, uniqueId } from '@aurora-rca/core/testing';
import { describe, expect, it } from 'vitest';
import { type MemoryTransaction, memoryStorage } from './memory-storage.js';

const tenantId = 'tenant-tx';
const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('memoryStorage transactions', () => {
  it('serializes concurrent transactions: read-modify-write never loses an update', async () => {
    const storage = memoryStorage();
    const incident = await storage.incidents.create(makeIncident({ tenantId, alertCount: 0 }));
    await Promise.all(
      Array.from({ length: 10 }, () =>
        storage.transaction(async (tx) => {
          const current = await tx.incidents.get(tenantId, incident.id);
          await tick();
          await tx.incidents.update(tenantId, incident.id, { alertCount: (current?.alertCount ?? 0) + 1 });
        }),
      ),
    );
    expect((await storage.incidents.get(tenantId, incident.id))?.alertCount).toBe(10);
  });

  it('makes a plain write wait until a running transaction commits', async () => {
    const storage = memoryStorage();
    const incident = await storage.incidents.create(makeIncident({ tenantId }));
    const order: string[] = [];
    const tx = storage.transaction(async (t) => {
      await t.incidents.update(tenantId, incident.id, { title: 'from tx' });
      await tick();
      order.push('tx done');
    });
    const write = storage.incidents
      .update(tenantId, incident.id, { summary: 'plain' })
      .then(() => order.push('write'));
    await Promise.all([tx, write]);
    expect(order).toEqual(['tx done', 'write']);
    expect(await storage.incidents.get(tenantId, incident.id)).toMatchObject({
      title: 'from tx',
      summary: 'plain',
    });
  });

  it('fails a write through the outer storage inside fn with TIMEOUT instead of hanging', async () => {
    const storage = memoryStorage({ lockStallMs: 50 });
    const incident = makeIncident({ tenantId });
    const error = await storage
      .transaction(async (tx) => {
        await tx.incidents.create(incident);
        await storage.thoughts.append(tenantId, incident.id, [makeThoughtDraft()], () => uniqueId('th'));
      })
      .catch((e: unknown) => e);
    expect(AuroraError.isInstance(error) && error.code).toBe('TIMEOUT');
    expect(await storage.incidents.get(tenantId, incident.id)).toBeNull();
  });

  it('closes the repositories of a finished transaction', async () => {
    const storage = memoryStorage();
    let leaked: MemoryTransaction | undefined;
    await storage.transaction(async (tx) => {
      leaked = tx as MemoryTransaction;
    });
    const error = await leaked!.incidents.create(makeIncident({ tenantId })).catch((e: unknown) => e);
    expect(AuroraError.isInstance(error) && error.code).toBe('INTERNAL');
  });

  it('rejects a lockStallMs that is not a positive number', () => {
    for (const lockStallMs of [0, -1, Number.NaN]) {
      let error: unknown;
      try {
        memoryStorage({ lockStallMs });
      } catch (e) {
        error = e;
      }
      expect(AuroraError.isInstance(error) && error.code).toBe('INVALID_INPUT');
    }
  });

  it('stamps updatedAt from the injected clock', async () => {
    const clock = manualClock('2026-05-01T08:00:00.000Z');
    const storage = memoryStorage({ clock });
    const incident = await storage.incidents.create(makeIncident({ tenantId }));
    clock.advance(90_000);
    const updated = await storage.incidents.update(tenantId, incident.id, { title: 'x' });
    expect(updated.updatedAt).toBe('2026-05-01T08:01:30.000Z');
  });
});
