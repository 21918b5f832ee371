// Test support for the ingest scenarios (not exported). It drives the real pipeline with the
// reference in-memory storage and the real alert sources on the shared vendor fixtures; those
// packages are imported by path because core may not depend on them.
import { readFileSync } from 'node:fs';
import { builtInSources } from '../../../adapters/src/sources/index.js';
import { memoryStorage } from '../../../storage-memory/src/index.js';
import type { AlertInput, IncidentEvent, StoredAlert } from '../model/index.js';
import { createEventPublisher } from '../runtime/publisher.js';
import type { EnqueueOptions, JobQueue } from '../spec/job-queue.js';
import { manualClock } from '../util/clock.js';
import { sequentialIds } from '../util/ids.js';
import { createIngestPipeline } from './pipeline.js';
import type { IngestPipelineDeps } from './types.js';

export const TENANT = 'acme';
export const START = '2026-03-01T12:00:00.000Z';

const sources = new Map(builtInSources().map((s) => [s.id, s]));

/** Parse a shared vendor fixture with its real source, at a given receive time. */
export function fixtureAlerts(source: string, file: string, receivedAt = START): AlertInput[] {
  const body = JSON.parse(
    readFileSync(new URL(`../../../../fixtures/payloads/${source}/${file}.json`, import.meta.url), 'utf8'),
  );
  return sources.get(source)!.parse(body, { headers: {}, receivedAt });
}

/** A job queue that records what it was asked. */
export function recordingQueue() {
  const enqueued: Array<{ kind: string; payload: unknown; options?: EnqueueOptions }> = [];
  const cancelled: Array<{ key: string; reason?: string }> = [];
  const queue: JobQueue = {
    specificationVersion: 'v1',
    async enqueue(kind, payload, options) {
      enqueued.push({ kind, payload, ...(options ? { options } : {}) });
      return { id: `job_${enqueued.length}`, duplicate: false };
    },
    async cancel(key, reason) {
      cancelled.push({ key, ...(reason ? { reason } : {}) });
      return true;
    },
    async work() {},
    async size() {
      return { queued: 0, running: 0 };
    },
    async stop() {},
  };
  return { queue, enqueued, cancelled };
}

export function harness(
  options: Partial<Omit<IngestPipelineDeps, 'storage' | 'publisher' | 'clock' | 'ids'>> = {},
) {
  const clock = manualClock(START);
  const ids = sequentialIds();
  const storage = memoryStorage({ clock });
  const inner = createEventPublisher(storage.events, undefined);
  const events: IncidentEvent[] = [];
  const publisher = {
    async publish(draft: Parameters<typeof inner.publish>[0]) {
      const e = await inner.publish(draft);
      events.push(e);
      return e;
    },
  };
  const q = recordingQueue();
  const pipeline = createIngestPipeline({ storage, publisher, queue: q.queue, clock, ids, ...options });
  return {
    clock,
    storage,
    pipeline,
    events,
    ...q,
    /** Ingest alerts (optionally changed per test), with the clock at its current time. */
    deliver(alerts: AlertInput[], extra: { investigateTestAlerts?: boolean } = {}) {
      return pipeline.ingest({ tenantId: TENANT, integrationId: 'int_1', alerts, ...extra });
    },
    async incidents(includeMerged = false) {
      return (await storage.incidents.list(TENANT, { includeMerged, limit: 500 })).items.reverse();
    },
    alertsOf(incidentId: string): Promise<StoredAlert[]> {
      return storage.alerts.listByIncident(TENANT, incidentId);
    },
  };
}

/** Copy of an alert with some fields replaced. */
export function withFields(alert: AlertInput, fields: Partial<AlertInput>): AlertInput {
  return { ...alert, ...fields };
}
