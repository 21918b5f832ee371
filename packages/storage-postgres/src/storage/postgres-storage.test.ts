import { AuroraError } from '@aurora-rca/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations/migrate.js';
import { startProcess } from '../testing/child-process.js';
import { alertRecord, incidentRecord } from '../testing/records.js';
import { useTestDatabase } from '../testing/test-database.js';
import { type PostgresStorage, postgresStorage } from './postgres-storage.js';

const db = useTestDatabase();
let storage: PostgresStorage;
let ids = 0;
const newId = () => `id_${++ids}`;

beforeAll(async () => {
  storage = postgresStorage({ connectionString: db.url, migrate: true });
  await storage.ready();
});
afterAll(async () => {
  await storage.close();
});

describe('postgresStorage', () => {
  it('round-trips an incident with ISO timestamps and arrays', async () => {
    const incident = incidentRecord({
      id: 'inc_a',
      tenantId: 't1',
      affectedServices: ['checkout', 'payments'],
      ruledOut: ['dns'],
      startedAt: '2026-01-01T00:00:00.123Z',
    });
    expect(await storage.incidents.create(incident)).toEqual(incident);
    expect(await storage.incidents.get('t1', 'inc_a')).toEqual(incident);
    expect(await storage.incidents.get('t2', 'inc_a')).toBeNull();
  });

  it('keeps a raw payload exactly, including key order and NUL escapes', async () => {
    const raw = { z: 1, a: { nested: ['x', null] }, text: 'nul\u0000byte' };
    const alert = alertRecord({ id: 'alr_raw', tenantId: 't1', fingerprint: 'raw', raw });
    const stored = await storage.alerts.insert(alert);
    expect(Object.keys(stored.raw as object)).toEqual(['z', 'a', 'text']);
    expect(stored.raw).toEqual(raw);
  });

  it('answers CONFLICT for a second active alert with the same fingerprint, and allows one after deactivation', async () => {
    await storage.alerts.insert(
      alertRecord({ id: 'alr_1', tenantId: 't1', fingerprint: 'dup', incidentId: 'inc_a' }),
    );
    const second = storage.alerts.insert(alertRecord({ id: 'alr_2', tenantId: 't1', fingerprint: 'dup' }));
    await expect(second).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await storage.alerts.deactivateByIncident('t1', 'inc_a')).toBe(1);
    await expect(
      storage.alerts.insert(alertRecord({ id: 'alr_3', tenantId: 't1', fingerprint: 'dup' })),
    ).resolves.toMatchObject({
      id: 'alr_3',
      active: true,
    });
  });

  it('rolls back every write of a failed transaction, and keeps it usable after a CONFLICT', async () => {
    await expect(
      storage.transaction(async (tx) => {
        await tx.incidents.create(incidentRecord({ id: 'inc_tx', tenantId: 't1' }));
        await tx.thoughts.append(
          't1',
          'inc_tx',
          [{ content: 'x', createdAt: '2026-01-01T00:00:00.000Z' }],
          newId,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await storage.incidents.get('t1', 'inc_tx')).toBeNull();
    // The counter rolled back too: the next thought is seq 1.
    const [first] = await storage.thoughts.append(
      't1',
      'inc_tx',
      [{ content: 'y', createdAt: '2026-01-01T00:00:00.000Z' }],
      newId,
    );
    expect(first?.seq).toBe(1);

    const result = await storage.transaction(async (tx) => {
      await tx.incidents.create(incidentRecord({ id: 'inc_tx2', tenantId: 't1' }));
      const dup = await tx.incidents
        .create(incidentRecord({ id: 'inc_tx2', tenantId: 't1' }))
        .catch((e: unknown) => e);
      expect(AuroraError.isInstance(dup) && dup.code).toBe('CONFLICT');
      return tx.incidents.get('t1', 'inc_tx2');
    });
    expect(result?.id).toBe('inc_tx2');
  });

  it('paginates the list newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await storage.incidents.create(
        incidentRecord({ id: `inc_p${i}`, tenantId: 'tp', startedAt: `2026-02-0${i + 1}T00:00:00.000Z` }),
      );
    }
    const first = await storage.incidents.list('tp', { limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual(['inc_p4', 'inc_p3']);
    const second = await storage.incidents.list('tp', { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.id)).toEqual(['inc_p2', 'inc_p1']);
    const third = await storage.incidents.list('tp', { limit: 2, cursor: second.nextCursor });
    expect(third.items.map((i) => i.id)).toEqual(['inc_p0']);
    expect(third.nextCursor).toBeNull();
    await expect(storage.incidents.list('tp', { cursor: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('updates with optimistic versions and status guards', async () => {
    await storage.incidents.create(incidentRecord({ id: 'inc_u', tenantId: 't1' }));
    const updated = await storage.incidents.update(
      't1',
      'inc_u',
      { summary: 'db', status: 'analyzed' },
      { ifVersion: 1 },
    );
    expect(updated).toMatchObject({ summary: 'db', status: 'analyzed', version: 2 });
    await expect(
      storage.incidents.update('t1', 'inc_u', { summary: 'x' }, { ifVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      storage.incidents.update('t1', 'inc_u', { status: 'merged' }, { ifStatus: ['investigating'] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(storage.incidents.update('t2', 'inc_u', { summary: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds correlation candidates by last alert time and service', async () => {
    await storage.incidents.create(
      incidentRecord({
        id: 'inc_c1',
        tenantId: 'tc',
        affectedServices: ['api'],
        lastAlertAt: '2026-03-01T00:10:00.000Z',
      }),
    );
    await storage.incidents.create(
      incidentRecord({
        id: 'inc_c2',
        tenantId: 'tc',
        affectedServices: ['db'],
        lastAlertAt: '2026-03-01T00:20:00.000Z',
      }),
    );
    await storage.incidents.create(
      incidentRecord({
        id: 'inc_c3',
        tenantId: 'tc',
        status: 'resolved',
        affectedServices: ['api'],
        lastAlertAt: '2026-03-01T00:30:00.000Z',
      }),
    );
    const since = '2026-03-01T00:05:00.000Z';
    expect((await storage.incidents.findActive('tc', { since })).map((i) => i.id)).toEqual([
      'inc_c2',
      'inc_c1',
    ]);
    expect((await storage.incidents.findActive('tc', { since, services: ['api'] })).map((i) => i.id)).toEqual(
      ['inc_c1'],
    );
  });

  it('assigns event ids per tenant and replays after an id', async () => {
    const incident = incidentRecord({ id: 'inc_e', tenantId: 'te' });
    const a = await storage.events.append({
      type: 'incident.created',
      tenantId: 'te',
      incidentId: 'inc_e',
      at: incident.createdAt,
      incident,
    });
    const b = await storage.events.append({
      type: 'incident.created',
      tenantId: 'te',
      incidentId: 'inc_e',
      at: incident.createdAt,
      incident,
    });
    const other = await storage.events.append({
      type: 'incident.created',
      tenantId: 'te2',
      incidentId: 'inc_e',
      at: incident.createdAt,
      incident,
    });
    expect([a.id, b.id, other.id]).toEqual(['1', '2', '1']);
    expect(await storage.events.listAfter('te', { afterId: a.id })).toEqual([b]);
    expect(await storage.events.get('te', b.id)).toEqual(b);
    expect(await storage.events.get('te', 'nope')).toBeNull();
  });
});

describe('migrate', () => {
  it('is idempotent and safe when several processes run it at once', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => migrate({ connectionString: db.url, schema: 'concurrent_migrations' })),
    );
    expect(results.flatMap((r) => r.applied)).toEqual([1]);
    expect(results.every((r) => r.version === 1)).toBe(true);
    const again = await migrate({ connectionString: db.url, schema: 'concurrent_migrations' });
    expect(again).toEqual({ schema: 'concurrent_migrations', applied: [], version: 1 });
  });

  it('runs from the documented command and exits 0 once the schema is current', async () => {
    const cli = startProcess('../migrate-cli.ts', { DATABASE_URL: db.url }, ['--schema', 'cli_schema']);
    await cli.exited;
    expect(cli.child.exitCode).toBe(0);
    expect(cli.output()).toContain('schema cli_schema at version 1 (1 applied)');
    const missing = startProcess('../migrate-cli.ts', { DATABASE_URL: '' });
    await missing.exited;
    expect(missing.child.exitCode).toBe(1);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(migrate({ connectionString: db.url, schema: 'x; DROP TABLE y' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
