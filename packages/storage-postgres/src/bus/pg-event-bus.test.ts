import { createEventPublisher, type IncidentEvent } from '@aurora-rca/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations/migrate.js';
import { type PostgresStorage, postgresStorage } from '../storage/postgres-storage.js';
import { incidentRecord } from '../testing/records.js';
import { useTestDatabase } from '../testing/test-database.js';
import { type PgEventBus, pgEventBus } from './pg-event-bus.js';

const db = useTestDatabase();
const at = '2026-01-01T00:00:00.000Z';

// Two "processes": a worker that publishes and an API process whose SSE clients subscribe.
let workerStorage: PostgresStorage;
let apiStorage: PostgresStorage;
let workerBus: PgEventBus;
let apiBus: PgEventBus;
let reads = 0;

beforeAll(async () => {
  await migrate({ connectionString: db.url });
  workerStorage = postgresStorage({ connectionString: db.url });
  apiStorage = postgresStorage({ connectionString: db.url });
  workerBus = pgEventBus({ storage: workerStorage });
  const counting = {
    events: {
      ...apiStorage.events,
      get: (tenantId: string, id: string) => {
        reads++;
        return apiStorage.events.get(tenantId, id);
      },
    },
  };
  apiBus = pgEventBus({ connectionString: db.url, storage: counting });
  await apiBus.ready();
});
afterAll(async () => {
  await Promise.all([workerBus.close(), apiBus.close()]);
  await Promise.all([workerStorage.close(), apiStorage.close()]);
});

function collect(bus: PgEventBus, tenantId: string, filter = {}) {
  const received: IncidentEvent[] = [];
  const off = bus.subscribe(tenantId, filter, (e) => received.push(e));
  return { received, off };
}

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('pgEventBus', () => {
  it("delivers an event published by one process to another process's subscriber, without a read", async () => {
    const sub = collect(apiBus, 'acme');
    const publisher = createEventPublisher(workerStorage.events, workerBus);
    const incident = incidentRecord({ id: 'inc_1', tenantId: 'acme' });
    const before = reads;
    const event = await publisher.publish({
      type: 'incident.created',
      tenantId: 'acme',
      incidentId: 'inc_1',
      at,
      incident,
    });
    await eventually(() => sub.received.length === 1);
    expect(sub.received[0]).toEqual(event);
    expect(reads).toBe(before);
    sub.off();
  });

  it('sends an event over the NOTIFY size limit by reference and reads it from the event log', async () => {
    const sub = collect(apiBus, 'acme');
    const publisher = createEventPublisher(workerStorage.events, workerBus);
    const incident = incidentRecord({ id: 'inc_big', tenantId: 'acme', description: 'x'.repeat(20_000) });
    const before = reads;
    const event = await publisher.publish({
      type: 'incident.created',
      tenantId: 'acme',
      incidentId: 'inc_big',
      at,
      incident,
    });
    await eventually(() => sub.received.length === 1);
    expect(sub.received[0]).toEqual(event);
    expect(reads).toBe(before + 1);
    sub.off();
  });

  it("delivers only the subscriber's tenant, incident and types", async () => {
    const all = collect(apiBus, 'acme');
    const oneIncident = collect(apiBus, 'acme', { incidentId: 'inc_a' });
    const onlyCreated = collect(apiBus, 'acme', { types: ['incident.created'] });
    const other = collect(apiBus, 'globex');
    const publisher = createEventPublisher(workerStorage.events, workerBus);
    await publisher.publish({
      type: 'incident.created',
      tenantId: 'acme',
      incidentId: 'inc_a',
      at,
      incident: incidentRecord({ id: 'inc_a', tenantId: 'acme' }),
    });
    await publisher.publish({
      type: 'incident.updated',
      tenantId: 'acme',
      incidentId: 'inc_b',
      at,
      incident: incidentRecord({ id: 'inc_b', tenantId: 'acme' }),
      changes: ['summary'],
    });
    await publisher.publish({
      type: 'incident.created',
      tenantId: 'globex',
      incidentId: 'inc_g',
      at,
      incident: incidentRecord({ id: 'inc_g', tenantId: 'globex' }),
    });
    await eventually(() => all.received.length === 2 && other.received.length === 1);
    expect(all.received.map((e) => e.incidentId)).toEqual(['inc_a', 'inc_b']);
    expect(oneIncident.received.map((e) => e.incidentId)).toEqual(['inc_a']);
    expect(onlyCreated.received.map((e) => e.type)).toEqual(['incident.created']);
    expect(other.received.map((e) => e.tenantId)).toEqual(['globex']);
    for (const s of [all, oneIncident, onlyCreated, other]) s.off();
  });

  it('reconnects after its LISTEN connection is killed and delivers what was published meanwhile, once', async () => {
    const sub = collect(apiBus, 'reconnect');
    const publisher = createEventPublisher(workerStorage.events, workerBus);
    const incident = incidentRecord({ id: 'inc_r', tenantId: 'reconnect' });
    await publisher.publish({
      type: 'incident.created',
      tenantId: 'reconnect',
      incidentId: 'inc_r',
      at,
      incident,
    });
    await eventually(() => sub.received.length === 1);

    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'aurora-listen' AND datname = current_database()`,
    );
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);

    await publisher.publish({
      type: 'incident.updated',
      tenantId: 'reconnect',
      incidentId: 'inc_r',
      at,
      incident,
      changes: [],
    });
    await publisher.publish({
      type: 'incident.updated',
      tenantId: 'reconnect',
      incidentId: 'inc_r',
      at,
      incident,
      changes: [],
    });
    await eventually(() => sub.received.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.received.map((e) => e.id)).toEqual(['1', '2', '3']);
    sub.off();
  });
});
