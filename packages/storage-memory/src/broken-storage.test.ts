import type { Incident, Storage, Thought, ThoughtRepository } from '@aurora-rca/core';
import {
  type ConformanceResult,
  type ConformanceSuite,
  runConformanceChecks,
  type StorageConformanceInit,
} from '@aurora-rca/core/testing';
import { describe, expect, it } from 'vitest';
import { memoryStorage, memoryStorageOver } from './memory-storage.js';
import { createTables } from './tables/index.js';

// The kit is only worth something if it fails on storages that break the contract. Each
// variant below is the memory storage with one realistic bug.

/** `WHERE tenant_id = $1` forgotten on incident lookups (get, update, …). */
function ignoresTenantOnIncidents(): Storage {
  const tables = createTables();
  tables.incidents.get = (_tenantId, id) => tables.incidents.rows.get(id);
  return memoryStorageOver(tables);
}

/** No unique index on active (tenant, source, fingerprint). */
function allowsDuplicateActiveAlerts(): Storage {
  const tables = createTables();
  tables.alerts.activeHolder = () => undefined;
  return memoryStorageOver(tables);
}

/** `transaction` just runs `fn` against the storage: nothing to roll back. */
function withoutRollback(): Storage {
  const storage = memoryStorage();
  return { ...storage, transaction: (fn) => fn(storage) };
}

/** `ifVersion` / `ifStatus` ignored on incident updates (outside transactions). */
function ignoresConditionalUpdates(): Storage {
  const storage = memoryStorage();
  const incidents: Storage['incidents'] = {
    ...storage.incidents,
    update: (tenantId, id, patch) => storage.incidents.update(tenantId, id, patch),
  };
  return { ...storage, incidents };
}

/** An identity-map cache: `get` hands out the very object `create` returned. */
function sharesIncidentObjects(): Storage {
  const storage = memoryStorage();
  const cache = new Map<string, Incident>();
  const incidents: Storage['incidents'] = {
    ...storage.incidents,
    async create(incident) {
      const created = await storage.incidents.create(incident);
      cache.set(created.id, created);
      return created;
    },
    async get(tenantId, id) {
      const cached = cache.get(id);
      return cached?.tenantId === tenantId ? cached : storage.incidents.get(tenantId, id);
    },
    async update(tenantId, id, patch, options) {
      cache.delete(id);
      return storage.incidents.update(tenantId, id, patch, options);
    },
  };
  return { ...storage, incidents };
}

/**
 * Thoughts numbered by "read the count, then insert": correct one at a time, duplicate seq
 * numbers under concurrent writers (the classic `SELECT max(seq)+1` race).
 */
function reusesThoughtSeq(): Storage {
  const storage = memoryStorage();
  const rows: Thought[] = [];
  const of = (tenantId: string, incidentId: string) =>
    rows.filter((t) => t.tenantId === tenantId && t.incidentId === incidentId).sort((a, b) => a.seq - b.seq);
  const thoughts: ThoughtRepository = {
    async append(tenantId, incidentId, drafts, newId) {
      const count = of(tenantId, incidentId).length;
      await new Promise((resolve) => setTimeout(resolve, 1));
      const out: Thought[] = [];
      let added = 0;
      for (const draft of drafts) {
        const existing = of(tenantId, incidentId).find(
          (t) => draft.clientKey && t.clientKey === draft.clientKey,
        );
        if (existing) {
          out.push(structuredClone(existing));
          continue;
        }
        const thought: Thought = {
          id: newId(),
          tenantId,
          incidentId,
          seq: count + ++added,
          content: draft.content,
          kind: draft.kind ?? 'investigation',
          clientKey: draft.clientKey ?? null,
          createdAt: draft.createdAt,
        };
        rows.push(thought);
        out.push(structuredClone(thought));
      }
      return out;
    },
    async list(tenantId, incidentId, query = {}) {
      const after = of(tenantId, incidentId).filter((t) => t.seq > (query.afterSeq ?? 0));
      return structuredClone(after.slice(0, query.limit ?? after.length));
    },
  };
  return {
    ...storage,
    thoughts,
    transaction: (fn) => storage.transaction((tx) => fn({ ...tx, thoughts })),
  };
}

const failing = (results: ConformanceResult[]) => results.filter((r) => r.error !== undefined);
const failingSuites = (results: ConformanceResult[]) =>
  [...new Set(failing(results).map((r) => r.suite))].sort();
const failingNames = (results: ConformanceResult[], suite: ConformanceSuite) =>
  failing(results)
    .filter((r) => r.suite === suite)
    .map((r) => r.name);

const run = (name: string, create: () => Storage) =>
  runConformanceChecks({ name, create: async () => create() } satisfies StorageConformanceInit);

describe('the conformance kit', () => {
  it('passes every check on the memory storage', async () => {
    const results = await run('memory', memoryStorage);
    expect(failing(results)).toEqual([]);
    expect(results.length).toBeGreaterThan(80);
  });

  it('catches a storage that ignores tenantId on incident lookups', async () => {
    const results = await run('ignores-tenant', ignoresTenantOnIncidents);
    expect(failingSuites(results)).toEqual(['tenant-isolation']);
    expect(failingNames(results, 'tenant-isolation')).toEqual(['incidents']);
  });

  it('catches a storage that allows two active alerts with one fingerprint', async () => {
    const results = await run('duplicate-alerts', allowsDuplicateActiveAlerts);
    expect(failingSuites(results)).toEqual(['alerts', 'concurrency']);
    expect(failingNames(results, 'concurrency')).toEqual([
      'parallel inserts of the same active alert: exactly one succeeds, the rest CONFLICT',
    ]);
  });

  it('catches a transaction that does not roll back', async () => {
    const results = await run('no-rollback', withoutRollback);
    expect(failingSuites(results)).toContain('transactions');
    expect(failingNames(results, 'transactions')).toEqual([
      'when fn throws, none of its writes are visible and the error is rethrown',
      'a CONFLICT inside the transaction rolls back its earlier writes',
      'transaction() on the transaction handle joins the outer transaction',
      'a rolled-back transaction consumes no sequence numbers',
    ]);
  });

  it('catches incident updates that ignore ifVersion and ifStatus', async () => {
    const results = await run('unconditional-updates', ignoresConditionalUpdates);
    expect(failingSuites(results)).toEqual(['concurrency', 'incidents']);
    expect(failingNames(results, 'concurrency')).toEqual([
      'parallel ifVersion updates: exactly one wins, the rest CONFLICT',
    ]);
  });

  it('catches records shared with the caller', async () => {
    const results = await run('shared-objects', sharesIncidentObjects);
    expect(failingNames(results, 'incidents')).toEqual([
      'records are copies: mutating inputs or results does not change storage',
    ]);
  });

  it('catches thought seq numbers reused under concurrent writers', async () => {
    const results = await run('racy-seq', reusesThoughtSeq);
    expect(failingNames(results, 'concurrency')).toEqual([
      '50 parallel thought appends get seq 1..50 with no duplicate',
      'parallel batches keep each batch in order and the whole sequence gap-free',
      'parallel transactions each commit whole',
    ]);
    expect(failingNames(results, 'thoughts')).toEqual([]);
  });
});
