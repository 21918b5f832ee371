// Test support for investigation tests (not exported). Uses the reference in-memory storage,
// imported by path because core may not depend on it.
import { memoryStorage } from '../../../storage-memory/src/index.js';
import type { IncidentEvent, StoredAlert } from '../model/index.js';
import { inProcessEventBus } from '../runtime/in-process-event-bus.js';
import type { InvestigateJobPayload } from '../runtime/jobs.js';
import { createEventPublisher } from '../runtime/publisher.js';
import type { Job } from '../spec/job-queue.js';
import type { Tool, ToolResult } from '../spec/tool.js';
import { makeAlert, makeIncident } from '../testing/conformance/builders.js';
import { type MockToolAnswer, mockTool } from '../testing/mocks/mock-tool.js';
import { systemClock } from '../util/clock.js';
import { sequentialIds } from '../util/ids.js';

export const TENANT = 'tenant-a';

/** Storage, publisher, an incident with one alert, and every published event. */
export async function setup(alert: Partial<StoredAlert> = {}) {
  const storage = memoryStorage();
  const bus = inProcessEventBus();
  const publisher = createEventPublisher(storage.events, bus);
  const events: IncidentEvent[] = [];
  bus.subscribe(TENANT, {}, (e) => events.push(e));
  const incident = await storage.incidents.create(
    makeIncident({ tenantId: TENANT, affectedServices: ['checkout'] }),
  );
  await storage.alerts.insert(
    makeAlert({
      tenantId: TENANT,
      incidentId: incident.id,
      correlation: { strategy: 'new', score: 1, details: {}, shadow: false, wouldJoinIncidentId: null },
      ...alert,
    }),
  );
  return { storage, publisher, events, incident, clock: systemClock, ids: sequentialIds() };
}

/** A job for the incident; `controller` cancels it. */
export function jobFor(
  incidentId: string,
  controller = new AbortController(),
): Job<InvestigateJobPayload> & { controller: AbortController } {
  return {
    id: 'job_1',
    kind: 'aurora.investigate',
    key: `investigate:${incidentId}`,
    payload: { tenantId: TENANT, incidentId },
    attempt: 1,
    signal: controller.signal,
    controller,
  };
}

/** A read-only kubectl-like tool answering from a table of `args.join(' ')` → result. */
export function fakeKubectl(
  answers: Record<string, Partial<ToolResult> | ((signal: AbortSignal) => Promise<ToolResult>)>,
): Tool {
  const table: Record<string, MockToolAnswer> = {};
  for (const [k, v] of Object.entries(answers))
    table[k] = typeof v === 'function' ? (_input, ctx) => v(ctx.signal) : v;
  return mockTool({ answers: table });
}
