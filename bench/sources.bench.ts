/**
 * Alert-source throughput: alerts parsed per second per source over the vendor fixtures, plus
 * verification (signature/token checks) per second per auth scheme.
 *
 *   node --conditions=@aurora-rca/source --import tsx bench/sources.bench.ts
 *
 * Each measurement runs for a fixed time budget after a warm-up; figures are single-threaded.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { builtInSourceRegistry, genericSource } from '../packages/adapters/src/sources/index.js';
import type { Integration, IntegrationAuth } from '../packages/core/src/index.js';

const BUDGET_MS = Number(process.env.BENCH_MS ?? 1000);
const root = new URL('../fixtures/payloads/', import.meta.url);
const registry = builtInSourceRegistry();
const ctx = { headers: {}, receivedAt: '2026-01-01T00:00:00.000Z' };

function measure(fn: () => number): { perSec: number; calls: number } {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let items = 0;
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < BUDGET_MS) {
    for (let i = 0; i < 50; i++) items += fn();
    calls += 50;
    elapsed = performance.now() - start;
  }
  return { perSec: (items / elapsed) * 1000, calls };
}

async function measureAsync(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS) {
    await fn();
    n++;
  }
  return (n / (performance.now() - start)) * 1000;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);

console.log(`Parse throughput (budget ${BUDGET_MS} ms per source, fixtures in fixtures/payloads/)\n`);
console.log(
  `${'source'.padEnd(14)}${'payloads'.padStart(9)}${'alerts/s'.padStart(13)}${'payloads/s'.padStart(13)}`,
);
const rates: number[] = [];
for (const dir of readdirSync(root, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  const source = registry.require(dir.name);
  const bodies = readdirSync(new URL(`${dir.name}/`, root))
    .map((f) => JSON.parse(readFileSync(new URL(`${dir.name}/${f}`, root), 'utf8')) as unknown)
    .filter((b) => {
      try {
        source.parse(b, ctx);
        return true;
      } catch {
        return false; // e.g. Datadog's unrendered template, which is rejected by design
      }
    });
  let i = 0;
  const alerts = measure(() => source.parse(bodies[i++ % bodies.length], ctx).length);
  let j = 0;
  const payloads = measure(() => {
    source.parse(bodies[j++ % bodies.length], ctx);
    return 1;
  });
  rates.push(alerts.perSec);
  console.log(
    `${dir.name.padEnd(14)}${String(bodies.length).padStart(9)}${fmt(alerts.perSec)} ${fmt(payloads.perSec)}`,
  );
}
{
  // No vendor fixture for the generic source: a 20-alert synthetic batch with configured paths.
  const generic = genericSource({
    paths: { alerts: 'events', title: 'name', fingerprint: 'key', severity: 'level' },
  });
  const batch = {
    events: Array.from({ length: 20 }, (_, i) => ({
      name: `Check ${i} failed`,
      key: `check-${i}`,
      level: 'warning',
      service: 'api',
      status: 'firing',
      labels: { region: 'eu' },
    })),
  };
  const alerts = measure(() => generic.parse(batch, ctx).length);
  const payloads = measure(() => {
    generic.parse(batch, ctx);
    return 1;
  });
  rates.push(alerts.perSec);
  console.log(
    `${'generic'.padEnd(14)}${'1*'.padStart(9)}${fmt(alerts.perSec)} ${fmt(payloads.perSec)}   (* synthetic, 20 alerts)`,
  );
}
const sorted = [...rates].sort((a, b) => a - b);
console.log(`\nslowest/fastest source ratio: ${(sorted[0]! / sorted[sorted.length - 1]!).toFixed(2)}`);

// Verification: Web Crypto HMAC per request vs. token comparison.
const rawBody = readFileSync(new URL('grafana/unified-docs-firing-multi.json', root), 'utf8');
const hex = createHmac('sha256', 'k').update(rawBody).digest('hex');
const cases: [string, string, IntegrationAuth, Record<string, string>][] = [
  ['grafana', 'hmac', { type: 'hmac', secret: 'k' }, { 'x-grafana-alerting-signature': hex }],
  [
    'pagerduty',
    'pagerduty (2 secrets)',
    { type: 'pagerduty', secrets: ['old', 'k'] },
    { 'x-pagerduty-signature': `v1=${hex}` },
  ],
  [
    'splunk',
    'sfx',
    { type: 'sfx', secret: 'k' },
    { 'x-sfx-signature': createHmac('sha256', 'k').update(rawBody).digest('base64') },
  ],
  ['datadog', 'bearer', { type: 'bearer', token: 'k' }, { authorization: 'Bearer k' }],
  ['datadog', 'header', { type: 'header', name: 'x-token', value: 'k' }, { 'x-token': 'k' }],
];
console.log(`\nVerify throughput (${rawBody.length}-byte body)\n`);
console.log(`${'scheme'.padEnd(24)}${'requests/s'.padStart(12)}`);
for (const [sourceId, name, auth, headers] of cases) {
  const integration: Integration = { id: 'i', tenantId: 't', source: sourceId, auth };
  const source = registry.require(sourceId);
  const rate = await measureAsync(() => source.verify({ headers, rawBody, now: Date.now() }, integration));
  console.log(`${name.padEnd(24)}${fmt(rate)}`);
}
