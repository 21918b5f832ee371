import { INVESTIGATE_JOB, type IncidentEvent, investigationKey } from '@aurora-rca/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgEventBus } from './bus/pg-event-bus.js';
import { migrate } from './migrations/migrate.js';
import { pgBossQueue } from './queue/pg-boss-queue.js';
import { postgresStorage } from './storage/postgres-storage.js';
import { startProcess, type TestProcess } from './testing/child-process.js';
import { alertRecord, incidentRecord } from './testing/records.js';
import { useTestDatabase } from './testing/test-database.js';

// A real worker process is SIGKILLed mid-investigation (inside a tool call); another worker
// process picks the expired job up and resumes from the PostgreSQL checkpoint.
const db = useTestDatabase();
const children: TestProcess[] = [];

function startWorker(env: Record<string, string>): TestProcess {
  const worker = startProcess('./investigation-worker.ts', { DATABASE_URL: db.url, ...env });
  children.push(worker);
  return worker;
}

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 45_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`condition not met in time; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  await migrate({ connectionString: db.url });
});
afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('crash-resumable investigations', () => {
  it('finishes the investigation of a SIGKILLed worker in another worker, without duplicates', {
    timeout: 120_000,
  }, async () => {
    const tenantId = 'acme';
    const storage = postgresStorage({ connectionString: db.url });
    const api = pgBossQueue({ connectionString: db.url, expireInSeconds: 8, maintenanceIntervalSeconds: 1 });
    const bus = pgEventBus({ connectionString: db.url, storage });
    const events: IncidentEvent[] = [];
    bus.subscribe(tenantId, {}, (e) => events.push(e));
    await bus.ready();
    try {
      const incident = await storage.incidents.create(
        incidentRecord({
          id: 'inc_crash',
          tenantId,
          title: 'checkout is crash looping',
          affectedServices: ['checkout'],
        }),
      );
      await storage.alerts.insert(
        alertRecord({
          id: 'alr_crash',
          tenantId,
          incidentId: incident.id,
          title: 'KubePodCrashLooping checkout',
          service: 'checkout',
          labels: { namespace: 'shop', deployment: 'checkout' },
          correlation: { strategy: 'new', score: 1, details: {}, shadow: false, wouldJoinIncidentId: null },
        }),
      );
      await api.enqueue(
        INVESTIGATE_JOB,
        { tenantId, incidentId: incident.id },
        { key: investigationKey(incident.id), retryDelayMs: 0 },
      );

      // Worker A gets through the first round of diagnostics and hangs in the second; then it dies.
      const a = startWorker({ HANG_ON: 'describe', EXPIRE_SECONDS: '8' });
      await a.waitFor(/hanging kubectl describe/);
      const beforeCrash = await storage.citations.list(tenantId, incident.id);
      expect(beforeCrash.map((c) => c.command).sort()).toEqual([
        'kubectl get events -n shop --sort-by=.lastTimestamp',
        'kubectl get pods -n shop',
      ]);
      expect((await storage.incidents.get(tenantId, incident.id))?.auroraStatus).toBe('running');
      a.child.kill('SIGKILL');
      await a.exited;

      // Worker B gets the job once it expires and resumes from the checkpoint.
      const b = startWorker({ EXPIRE_SECONDS: '30' });
      await b.waitFor(/ready/);
      const done = await eventually(
        () => storage.incidents.get(tenantId, incident.id),
        (i) => i?.auroraStatus === 'complete' || i?.auroraStatus === 'failed',
      );
      expect(done).toMatchObject({ status: 'analyzed', auroraStatus: 'complete' });
      expect(done?.rootCause ?? '').toMatch(/postgres/i);

      const citations = await storage.citations.list(tenantId, incident.id);
      const commands = citations.map((c) => c.command);
      // The first round ran once (before the crash), the rest once (after it): nothing repeated.
      expect(new Set(commands).size).toBe(commands.length);
      expect(commands).toEqual(
        expect.arrayContaining([
          ...beforeCrash.map((c) => c.command),
          'kubectl describe pod checkout-7d9f8b6c4d-x2k9p -n shop',
        ]),
      );
      expect(citations.map((c) => c.key)).toEqual(citations.map((_, i) => String(i + 1)));

      const thoughts = await storage.thoughts.list(tenantId, incident.id);
      const reasoning = thoughts.filter((t) => t.kind === 'investigation').map((t) => t.content);
      expect(reasoning.length).toBeGreaterThan(0);
      expect(new Set(reasoning).size).toBe(reasoning.length);
      expect(thoughts.map((t) => t.seq)).toEqual(thoughts.map((_, i) => i + 1));

      // The test process saw the worker's progress on the LISTEN/NOTIFY bus.
      await eventually(
        async () => events,
        (list) => list.some((e) => e.type === 'incident.updated' && e.incident.auroraStatus === 'complete'),
        5000,
      );
      expect(await api.size()).toEqual({ queued: 0, running: 0 });

      b.child.kill('SIGTERM');
      await b.exited;
    } finally {
      await Promise.all([api.stop(), bus.close()]);
      await storage.close();
    }
  });
});
