import { AuroraError } from '@aurora-rca/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations/migrate.js';
import { alertRecord, incidentRecord } from '../testing/records.js';
import { useTestDatabase } from '../testing/test-database.js';
import { type PostgresStorage, postgresStorage } from './postgres-storage.js';

// Three storages on three pools stand for three API/worker processes on one database.
const db = useTestDatabase();
let processes: PostgresStorage[];
const at = '2026-01-01T00:00:00.000Z';
let n = 0;
const newId = () => `id_${process.pid}_${++n}`;

beforeAll(async () => {
  await migrate({ connectionString: db.url });
  processes = [0, 1, 2].map(() => postgresStorage({ pool: db.pool(4) }));
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.close()));
});

/** Resolves once `count` callers have arrived, so their next statements really overlap. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    if (++arrived === count) open();
    await gate;
  };
}

describe('several processes on one database', () => {
  it('turn the same alert received at once into one alert and one incident', async () => {
    const wait = barrier(3);
    const outcomes = await Promise.allSettled(
      processes.map((storage, i) =>
        storage.transaction(async (tx) => {
          const existing = await tx.alerts.findActive('t1', 'grafana', 'same-alert');
          await wait();
          if (existing) return 'repeat';
          await tx.incidents.create(incidentRecord({ id: `inc_${i}`, tenantId: 't1' }));
          await tx.alerts.insert(
            alertRecord({
              id: `alr_${i}`,
              tenantId: 't1',
              fingerprint: 'same-alert',
              incidentId: `inc_${i}`,
            }),
          );
          return 'new';
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(AuroraError.isInstance(o.reason) && o.reason.code).toBe('CONFLICT');
    }
    const incidents = await processes[0]!.incidents.list('t1');
    expect(incidents.items).toHaveLength(1);
    const alerts = await processes[0]!.alerts.listByIncident('t1', incidents.items[0]!.id);
    expect(alerts.map((a) => a.fingerprint)).toEqual(['same-alert']);
  });

  it('give parallel citation appends unique, gap-free keys', async () => {
    await Promise.all(
      processes.flatMap((storage) =>
        Array.from({ length: 10 }, (_, i) =>
          storage.citations.append(
            't1',
            'inc_cite',
            {
              toolName: 'kubectl',
              command: `kubectl get pods #${i}`,
              output: 'ok',
              status: 'ok',
              executedAt: at,
              durationMs: 3,
            },
            newId,
          ),
        ),
      ),
    );
    const keys = (await processes[1]!.citations.list('t1', 'inc_cite')).map((c) => c.key);
    expect(keys).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
  });

  it('store one citation per clientKey when a retried tool call races itself', async () => {
    const results = await Promise.all(
      processes.map((storage) =>
        storage.citations.append(
          't1',
          'inc_retry',
          {
            toolName: 'kubectl',
            command: 'kubectl logs x',
            output: 'ok',
            status: 'ok',
            executedAt: at,
            durationMs: 1,
            clientKey: 'call_1',
          },
          newId,
        ),
      ),
    );
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await processes[0]!.citations.list('t1', 'inc_retry')).toHaveLength(1);
  });

  it('give parallel thought batches gap-free seqs and skip repeated client keys', async () => {
    await Promise.all(
      processes.map((storage, p) =>
        storage.thoughts.append(
          't1',
          'inc_think',
          [
            { content: 'shared', createdAt: at, clientKey: 'shared' },
            { content: `own ${p}`, createdAt: at, clientKey: `own_${p}` },
            { content: `free ${p}`, createdAt: at },
          ],
          newId,
        ),
      ),
    );
    const thoughts = await processes[2]!.thoughts.list('t1', 'inc_think');
    expect(thoughts.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(thoughts.filter((t) => t.clientKey === 'shared')).toHaveLength(1);
  });

  it('give parallel event appends increasing ids without gaps per tenant', async () => {
    const incident = incidentRecord({ id: 'inc_ev', tenantId: 't9' });
    await Promise.all(
      processes.flatMap((storage) =>
        Array.from({ length: 5 }, () =>
          storage.events.append({
            type: 'incident.updated',
            tenantId: 't9',
            incidentId: incident.id,
            at,
            incident,
            changes: [],
          }),
        ),
      ),
    );
    const events = await processes[0]!.events.listAfter('t9', { afterId: null });
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
  });
});
