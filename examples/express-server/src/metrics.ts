import type { Aurora } from '@aurora-rca/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the example server, served at `/metrics`. */
export function createMetrics(aurora: Aurora, tenants: () => string[]) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aurora_process_' });
  const alertsReceived = new Counter({
    name: 'aurora_alerts_received_total',
    help: 'Alerts accepted from webhooks, by source',
    labelNames: ['source'],
    registers: [registry],
  });
  const webhookRequests = new Counter({
    name: 'aurora_webhook_requests_total',
    help: 'Webhook requests by source and HTTP status',
    labelNames: ['source', 'status'],
    registers: [registry],
  });
  const webhookLatency = new Histogram({
    name: 'aurora_webhook_duration_seconds',
    help: 'Webhook handling time',
    labelNames: ['source'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'aurora_incidents_open',
    help: 'Open incidents (investigating or analyzed)',
    registers: [registry],
    async collect() {
      let open = 0;
      for (const t of tenants()) {
        const counts = await aurora.storage.incidents.countByStatus(t);
        open += (counts.investigating ?? 0) + (counts.analyzed ?? 0);
      }
      this.set(open);
    },
  });
  new Gauge({
    name: 'aurora_investigations_running',
    help: 'Background jobs (investigations and chat) running in this process',
    registers: [registry],
    async collect() {
      this.set((await aurora.queue.size()).running);
    },
  });
  return { registry, alertsReceived, webhookRequests, webhookLatency };
}
export type Metrics = ReturnType<typeof createMetrics>;
