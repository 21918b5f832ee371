/**
 * Correlation cost as the number of open incidents grows, and alert throughput through the
 * whole in-memory ingest pipeline.
 *
 *   node --conditions=@aurora-rca/source --import tsx bench/correlation.bench.ts
 *
 * 1. Per-alert correlation time with 100, 10,000 and 100,000 open incidents. Each setup has
 *    the same recent activity (40 incidents with an alert inside the 5-minute window, spread
 *    over 200 services); the rest are open but older — the common shape of a long-lived
 *    tenant. Candidate lookup goes through `findActive` (tenant × service × lastAlertAt index)
 *    and the similarity index, so the time should stay nearly flat; the ratio is printed.
 * 2. Alerts per second through `createIngestPipeline(...).ingest` (validation, dedup,
 *    correlation, one transaction, events, investigation enqueue) on `memoryStorage`, with
 *    one alert per call and a realistic mix of repeats, storms and unrelated alerts.
 *
 * Single-threaded figures; they vary with the machine.
 */
import {
  Alert,
  type AlertInput,
  createCorrelator,
  createEventPublisher,
  createIngestPipeline,
  Incident,
  type JobQueue,
  manualClock,
  sequentialIds,
} from '../packages/core/src/index.js';
import { memoryStorage } from '../packages/storage-memory/src/index.js';

const TENANT = 'bench';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const SERVICES = Array.from({ length: 200 }, (_, i) => `svc-${i}`);
const TITLES = [
  'High CPU usage',
  'HTTP 5xx error rate above threshold',
  'Latency p99 above SLO',
  'Pod CrashLoopBackOff',
  'Disk almost full',
  'Database connections exhausted',
  'Certificate expires soon',
  'Queue depth growing',
  'Memory usage above 90%',
  'Health check failing',
];
const ALERTS_PER_RUN = Number(process.env.BENCH_ALERTS ?? 2000);

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

function alert(n: number, service = pick(SERVICES)): AlertInput {
  return {
    source: 'bench',
    fingerprint: `fp-${n}`,
    title: `${pick(TITLES)} on ${service}`,
    description: 'Synthetic alert for the correlation benchmark',
    severity: pick(['critical', 'high', 'medium', 'low'] as const),
    status: 'firing',
    service,
    startedAt: new Date(NOW).toISOString(),
    raw: null,
  };
}

async function correlationAt(openIncidents: number): Promise<number> {
  const storage = memoryStorage();
  const correlator = createCorrelator();
  const recent = 40;
  for (let i = 0; i < openIncidents; i++) {
    const isRecent = i >= openIncidents - recent;
    // Older incidents: last alert between 10 minutes and 30 days ago.
    const at = isRecent ? NOW - rand() * 4 * 60_000 : NOW - 10 * 60_000 - rand() * 30 * 86_400_000;
    const service = pick(SERVICES);
    const iso = new Date(at).toISOString();
    const incident = await storage.incidents.create(
      Incident.parse({
        id: `inc-${i}`,
        tenantId: TENANT,
        title: `${pick(TITLES)} on ${service}`,
        severity: 'high',
        status: i % 3 === 0 ? 'analyzed' : 'investigating',
        auroraStatus: 'complete',
        affectedServices: [service],
        alertCount: 1,
        openAlertCount: 1,
        startedAt: iso,
        lastAlertAt: iso,
        createdAt: iso,
        updatedAt: iso,
      }),
    );
    if (isRecent) await correlator.track(incident);
  }
  const inputs = Array.from({ length: ALERTS_PER_RUN }, (_, n) => alert(n));
  const prepared = await correlator.prepare(
    TENANT,
    inputs.map((a) => Alert.parse(a)),
    NOW,
  );
  for (let i = 0; i < 200; i++) await correlator.correlate(storage, prepared[i % prepared.length]!); // warm-up
  const start = performance.now();
  for (const p of prepared) await correlator.correlate(storage, p);
  const perAlertMs = (performance.now() - start) / prepared.length;
  await storage.close();
  return perAlertMs;
}

async function pipelineThroughput(total: number): Promise<{ perSec: number; incidents: number }> {
  const clock = manualClock(NOW);
  const storage = memoryStorage({ clock });
  const queue: JobQueue = {
    specificationVersion: 'v1',
    enqueue: async () => ({ id: 'job', duplicate: false }),
    cancel: async () => true,
    work: async () => {},
    size: async () => ({ queued: 0, running: 0 }),
    stop: async () => {},
  };
  const pipeline = createIngestPipeline({
    storage,
    publisher: createEventPublisher(storage.events, undefined),
    queue,
    clock,
    ids: sequentialIds(),
  });
  // 30% repeats of a recent fingerprint, 50% storm alerts on 20 hot services, 20% anywhere.
  const hot = SERVICES.slice(0, 20);
  const batches: AlertInput[] = [];
  for (let n = 0; n < total; n++) {
    const r = rand();
    if (r < 0.3 && n > 10) batches.push(alert(n - 1 - Math.floor(rand() * 10), pick(hot)));
    else batches.push(alert(n, r < 0.8 ? pick(hot) : pick(SERVICES)));
  }
  const start = performance.now();
  for (const a of batches) {
    clock.advance(200);
    await pipeline.ingest({ tenantId: TENANT, alerts: [a] });
  }
  const elapsed = performance.now() - start;
  const incidents = (await storage.incidents.countByStatus(TENANT)).investigating ?? 0;
  await storage.close();
  return { perSec: (total / elapsed) * 1000, incidents };
}

const sizes = [100, 10_000, 100_000];
const times: number[] = [];
await correlationAt(100); // JIT warm-up, not reported
console.log('Per-alert correlation time (findActive + similarity index + 4 strategies):');
for (const n of sizes) {
  const ms = await correlationAt(n);
  times.push(ms);
  console.log(`  ${String(n).padStart(7)} open incidents: ${(ms * 1000).toFixed(1).padStart(7)} µs/alert`);
}
console.log(`  ratio 100,000 / 100: ${(times[2]! / times[0]!).toFixed(2)}×`);

const total = Number(process.env.BENCH_PIPELINE_ALERTS ?? 5000);
const { perSec, incidents } = await pipelineThroughput(total);
console.log(
  `Whole in-memory pipeline: ${perSec.toFixed(0)} alerts/s (${total} alerts → ${incidents} open incidents)`,
);
