/**
 * The PostgreSQL backend under load: ingest throughput and query latency at scale.
 *
 *   node --conditions=@aurora-rca/source --import tsx bench/postgres.bench.ts
 *
 * Uses `DATABASE_URL` (a role allowed to CREATE DATABASE; a fresh database is created and
 * dropped) or else starts an embedded PostgreSQL.
 *
 * 1. Alerts per second through the whole ingest pipeline (`createIngestPipeline` on
 *    `postgresStorage`, events on `pgEventBus`, investigations enqueued on `pgBossQueue`):
 *    one alert per webhook sequentially and 8 webhooks in parallel, 50-alert webhooks (one
 *    transaction each), and repeats of active fingerprints (the dedup path).
 * 2. Raw `alerts.insert`: one per statement vs 100 per `transaction()`.
 * 3. 100,000 incidents (1 alert, 2 thoughts, 1 citation each) bulk-loaded with
 *    `INSERT … SELECT generate_series`, then p50/p99 of: the list's first page, a page deep
 *    in the list through its cursor, a status-filtered page, the incident detail (incident,
 *    alerts, thoughts, citations, suggestions, chat sessions, postmortem in parallel), and
 *    correlation candidates (`findActive`).
 *
 * Figures vary with the machine (and with what else runs on it).
 */
import {
  type AlertInput,
  createEventPublisher,
  createIngestPipeline,
  sortableIds,
  systemClock,
} from '../packages/core/src/index.js';
import { migrate, pgBossQueue, pgEventBus, postgresStorage } from '../packages/storage-postgres/src/index.js';
import { startEmbeddedPostgres } from '../packages/storage-postgres/src/testing/embedded-server.js';
import { alertRecord } from '../packages/storage-postgres/src/testing/records.js';
import { createDatabase } from '../packages/storage-postgres/src/testing/test-database.js';

const TENANT = 'bench';
const SERVICES = Array.from({ length: 200 }, (_, i) => `svc-${i}`);
const TITLES = [
  'High CPU usage',
  'HTTP 5xx error rate',
  'Latency p99 above SLO',
  'Pod CrashLoopBackOff',
  'Disk almost full',
];

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

function report(label: string, samples: number[]): void {
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(samples, 99).toFixed(2).padStart(7)} ms`,
  );
}

async function parallel(
  count: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

let alertSeq = 0;
function alert(service: string, fingerprint = `fp-${++alertSeq}`): AlertInput {
  return {
    source: 'grafana',
    fingerprint,
    title: `${TITLES[alertSeq % TITLES.length]} on ${service}`,
    severity: 'high',
    status: 'firing',
    service,
    labels: { service, namespace: 'prod' },
    startedAt: new Date().toISOString(),
    raw: { service, fingerprint },
  };
}

const external = process.env.DATABASE_URL;
const server = external ? undefined : await startEmbeddedPostgres();
const database = await createDatabase(external ?? server!.adminUrl);
const url = database.url;
const started = performance.now();
try {
  await migrate({ connectionString: url });
  const storage = postgresStorage({ connectionString: url, max: 10 });
  const bus = pgEventBus({ connectionString: url, storage });
  const queue = pgBossQueue({ connectionString: url });
  const pipeline = createIngestPipeline({
    storage,
    publisher: createEventPublisher(storage.events, bus),
    queue,
    clock: systemClock,
    ids: sortableIds(),
  });
  console.log(`PostgreSQL ${external ? '(DATABASE_URL)' : '(embedded)'} — ingest through the pipeline`);
  const rate = async (label: string, alerts: number, run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    const seconds = (performance.now() - start) / 1000;
    console.log(`  ${label.padEnd(44)} ${(alerts / seconds).toFixed(0).padStart(7)} alerts/s`);
    return alerts / seconds;
  };
  await pipeline.ingest({ tenantId: TENANT, alerts: [alert('warmup')] });
  const sequential = await rate('1 alert per webhook, sequential (200)', 200, async () => {
    for (let i = 0; i < 200; i++)
      await pipeline.ingest({ tenantId: TENANT, alerts: [alert(SERVICES[i % 200]!)] });
  });
  const concurrent = await rate('1 alert per webhook, 8 in parallel (400)', 400, () =>
    parallel(400, 8, (i) =>
      pipeline.ingest({ tenantId: `${TENANT}-${i % 4}`, alerts: [alert(SERVICES[i % 200]!)] }),
    ),
  );
  const batched = await rate('50 alerts per webhook (10 webhooks)', 500, async () => {
    for (let i = 0; i < 10; i++) {
      await pipeline.ingest({
        tenantId: TENANT,
        alerts: Array.from({ length: 50 }, (_, j) => alert(SERVICES[(i * 50 + j) % 200]!)),
      });
    }
  });
  await rate('repeats of active fingerprints (dedup, 200)', 200, async () => {
    for (let i = 0; i < 200; i++)
      await pipeline.ingest({ tenantId: TENANT, alerts: [alert(SERVICES[i % 200]!, `fp-${1 + (i % 50)}`)] });
  });
  console.log(
    `  ratios: parallel/sequential ${(concurrent / sequential).toFixed(1)}x, batched/sequential ${(batched / sequential).toFixed(1)}x`,
  );
  await queue.stop();
  await bus.close();

  console.log('Raw alerts.insert');
  const at = new Date().toISOString();
  let rawId = 0;
  const rawAlert = () =>
    alertRecord({ id: `raw_${++rawId}`, tenantId: 'raw', fingerprint: `raw-${rawId}`, startedAt: at });
  const single = await rate('one per statement (500)', 500, async () => {
    for (let i = 0; i < 500; i++) await storage.alerts.insert(rawAlert());
  });
  const perTx = await rate('100 per transaction (2,000)', 2000, async () => {
    for (let b = 0; b < 20; b++) {
      await storage.transaction(async (tx) => {
        for (let i = 0; i < 100; i++) await tx.alerts.insert(rawAlert());
      });
    }
  });
  console.log(`  ratio: batched/single ${(perTx / single).toFixed(1)}x`);

  console.log('100,000 incidents — query latency');
  const loadStart = performance.now();
  const s = '"aurora"';
  const pool = storage.pool;
  await pool.query(`
    INSERT INTO ${s}.incidents (tenant_id, id, title, severity, status, aurora_status, affected_services,
      alert_count, open_alert_count, started_at, last_alert_at, created_at, updated_at, summary, root_cause)
    SELECT 'big', 'inc_' || lpad(g::text, 7, '0'), 'Incident ' || g, (ARRAY['critical','high','medium','low'])[1 + g % 4],
      CASE WHEN g % 10 = 0 THEN 'merged' WHEN g % 3 = 0 THEN 'resolved' WHEN g % 3 = 1 THEN 'analyzed' ELSE 'investigating' END,
      'complete', ARRAY['svc-' || (g % 200)], 1, 0,
      now() - g * interval '30 seconds', now() - g * interval '30 seconds', now() - g * interval '30 seconds', now(),
      'Summary of incident ' || g, 'Root cause ' || g
    FROM generate_series(1, 100000) g`);
  await pool.query(`
    INSERT INTO ${s}.alerts (tenant_id, id, incident_id, source, fingerprint, title, severity, status, service, labels,
      started_at, raw, correlation, received_at, updated_at)
    SELECT 'big', 'alr_' || g, 'inc_' || lpad(g::text, 7, '0'), 'grafana', 'fp-' || g, 'Alert ' || g, 'high', 'firing',
      'svc-' || (g % 200), '{"namespace":"prod"}', now() - g * interval '30 seconds', '{"payload":true}',
      '{"strategy":"new","score":1,"details":{},"shadow":false,"wouldJoinIncidentId":null}', now(), now()
    FROM generate_series(1, 100000) g`);
  await pool.query(`
    INSERT INTO ${s}.thoughts (tenant_id, id, incident_id, seq, content, created_at)
    SELECT 'big', 'th_' || g || '_' || k, 'inc_' || lpad(g::text, 7, '0'), k, 'Looking at step ' || k || ' of incident ' || g, now()
    FROM generate_series(1, 100000) g, generate_series(1, 2) k`);
  await pool.query(`
    INSERT INTO ${s}.citations (tenant_id, id, incident_id, key, tool_name, command, output, status, executed_at, duration_ms)
    SELECT 'big', 'cit_' || g, 'inc_' || lpad(g::text, 7, '0'), '1', 'kubectl', 'kubectl get pods -n prod',
      'NAME READY STATUS', 'ok', now(), 12
    FROM generate_series(1, 100000) g`);
  await pool.query(
    `ANALYZE ${s}.incidents; ANALYZE ${s}.alerts; ANALYZE ${s}.thoughts; ANALYZE ${s}.citations`,
  );
  console.log(
    `  bulk load (100k incidents, 100k alerts, 200k thoughts, 100k citations) ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
  );

  const pick = (i: number) => `inc_${String(1 + ((i * 7919) % 100000)).padStart(7, '0')}`;
  report('list, first page (50)', await timeEach(200, () => storage.incidents.list('big', { limit: 50 })));
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++)
    cursor = (await storage.incidents.list('big', { limit: 500, cursor })).nextCursor;
  const deep = cursor;
  report(
    'list, page 50,000 rows deep (cursor)',
    await timeEach(200, () => storage.incidents.list('big', { limit: 50, cursor: deep })),
  );
  report(
    'list, status = analyzed',
    await timeEach(200, () => storage.incidents.list('big', { status: 'analyzed', limit: 50 })),
  );
  report(
    'detail (7 reads in parallel)',
    await timeEach(200, async (i) => {
      const id = pick(i);
      await Promise.all([
        storage.incidents.get('big', id),
        storage.alerts.listByIncident('big', id),
        storage.thoughts.list('big', id),
        storage.citations.list('big', id),
        storage.suggestions.listByIncident('big', id),
        storage.chat.listSessions('big', id),
        storage.postmortems.latest('big', id),
      ]);
    }),
  );
  const since = new Date(Date.now() - 60 * 60_000).toISOString();
  report(
    'correlation candidates (findActive, 1 h, service)',
    await timeEach(200, (i) =>
      storage.incidents.findActive('big', { since, services: [SERVICES[i % 200]!] }),
    ),
  );
  await storage.close();
} finally {
  await database.drop();
  await server?.stop();
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
