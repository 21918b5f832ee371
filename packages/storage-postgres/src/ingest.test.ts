import {
  createEventPublisher,
  createIngestPipeline,
  type IncidentEvent,
  sortableIds,
  systemClock,
} from '@aurora-rca/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgEventBus, pgEventBus } from './bus/pg-event-bus.js';
import { migrate } from './migrations/migrate.js';
import { type PgBossQueue, pgBossQueue } from './queue/pg-boss-queue.js';
import { type PostgresStorage, postgresStorage } from './storage/postgres-storage.js';
import { useTestDatabase } from './testing/test-database.js';

// Three API processes (own pool, queue, bus and ingest pipeline each) on one database.
const db = useTestDatabase();
interface Process {
  storage: PostgresStorage;
  queue: PgBossQueue;
  bus: PgEventBus;
  pipeline: ReturnType<typeof createIngestPipeline>;
}
let processes: Process[] = [];

beforeAll(async () => {
  await migrate({ connectionString: db.url });
  processes = [0, 1, 2].map(() => {
    const storage = postgresStorage({ connectionString: db.url, max: 4 });
    const queue = pgBossQueue({ connectionString: db.url });
    const bus = pgEventBus({ connectionString: db.url, storage });
    const pipeline = createIngestPipeline({
      storage,
      publisher: createEventPublisher(storage.events, bus),
      queue,
      clock: systemClock,
      ids: sortableIds(),
    });
    return { storage, queue, bus, pipeline };
  });
  await processes[0]!.queue.size(); // install pg-boss once before the race
});
afterAll(async () => {
  for (const p of processes) {
    await p.queue.stop();
    await p.bus.close();
    await p.storage.close();
  }
});

const alert = {
  source: 'alertmanager',
  fingerprint: 'c0ffee',
  title: 'KubePodCrashLooping checkout',
  severity: 'critical' as const,
  status: 'firing' as const,
  service: 'checkout',
  startedAt: new Date().toISOString(),
  raw: { fingerprint: 'c0ffee' },
};

describe('ingest on PostgreSQL from several processes', () => {
  it('turns the same alert delivered to three processes at once into one alert, one incident and one investigation', async () => {
    const seen: IncidentEvent[] = [];
    const off = processes[2]!.bus.subscribe('acme', { types: ['incident.created'] }, (e) => seen.push(e));
    await processes[2]!.bus.ready();
    const responses = await Promise.all(
      processes.map((p) => p.pipeline.ingest({ tenantId: 'acme', alerts: [alert] })),
    );

    const incidents = (await processes[0]!.storage.incidents.list('acme')).items;
    expect(incidents).toHaveLength(1);
    const alerts = await processes[1]!.storage.alerts.listByIncident('acme', incidents[0]!.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.occurrences).toBe(3);
    expect(responses.flatMap((r) => r.alerts.map((a) => a.deduplicated)).sort()).toEqual([false, true, true]);
    expect(await processes[0]!.queue.size()).toEqual({ queued: 1, running: 0 });
    // The incident.created event reached another process's subscriber exactly once.
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((e) => e.incidentId)).toEqual([incidents[0]!.id]);
    off();
  });
});

describe('merge races on PostgreSQL', () => {
  const open = async (p: Process, tenantId: string, service: string, n: number) => {
    const res = await p.pipeline.ingest({
      tenantId,
      alerts: Array.from({ length: n }, (_, i) => ({
        ...alert,
        fingerprint: `${service}-${i}`,
        service,
        title: `${service} down ${i}`,
        raw: { i },
      })),
    });
    return res.incidents[0]!.id;
  };

  it('of conflicting merges from three processes exactly one wins and no alert is lost', async () => {
    const t = 'race';
    const [a, b, c] = [
      await open(processes[0]!, t, 'alpha', 3),
      await open(processes[1]!, t, 'beta', 2),
      await open(processes[2]!, t, 'gamma', 4),
    ];
    // A into B, A into C and A into B again at once, each from another process: in any order
    // only the first can succeed (A is then merged).
    const results = await Promise.allSettled([
      processes[0]!.pipeline.merge(t, a, b),
      processes[1]!.pipeline.merge(t, a, c),
      processes[2]!.pipeline.merge(t, a, b),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect((r.reason as { code?: string }).code).toMatch(/INVALID_TRANSITION|CONFLICT/);
    }
    // Every alert still belongs to exactly one open incident; nothing was lost or duplicated.
    const s = processes[0]!.storage;
    const open3 = (await s.incidents.list(t)).items;
    expect(open3).toHaveLength(2);
    const counts = await Promise.all(open3.map(async (i) => (await s.alerts.listByIncident(t, i.id)).length));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(9);
    for (const i of open3) expect(i.alertCount).toBe((await s.alerts.listByIncident(t, i.id)).length);
    const merged = (await s.incidents.list(t, { status: 'merged' })).items;
    expect(merged.map((i) => i.id)).toEqual([a]);
    expect(await s.alerts.listByIncident(t, merged[0]!.id)).toHaveLength(0);
  });
});
