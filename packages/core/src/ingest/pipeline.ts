import { createCorrelator, type PreparedAlert } from '../correlation/correlator.js';
import { formatDuration, roundScore } from '../correlation/format.js';
import { normalizeService } from '../correlation/service-name.js';
import { AuroraError } from '../errors.js';
import type { WebhookAcceptedResponse } from '../http/wire.js';
import { CreateIncidentBody } from '../http/wire.js';
import {
  Alert,
  type Correlation,
  Incident,
  type IncidentEventDraft,
  type IncidentPatch,
  type StoredAlert,
} from '../model/index.js';
import { OPEN_STATUSES } from '../model/lifecycle.js';
import { INVESTIGATE_JOB, type InvestigateJobPayload, investigationKey } from '../runtime/jobs.js';
import type { StorageRepositories } from '../spec/storage.js';
import { isoNow } from '../util/clock.js';
import { withConflictRetry } from './conflict-retry.js';
import { changedFields, deriveFields, isOpenAlert, joinFields } from './incident-state.js';
import { createLifecycle } from './lifecycle.js';
import type { IngestPipeline, IngestPipelineDeps, IngestRequest, OpenIncidentInput } from './types.js';

interface Touched {
  before: Incident | null;
  incident: Incident;
  vector: Float32Array | null;
}

interface BatchResult {
  response: WebhookAcceptedResponse;
  touched: Map<string, Touched>;
  alertEvents: Array<{ type: 'alert.correlated' | 'alert.updated'; alert: StoredAlert }>;
}

/**
 * Create the ingest pipeline: parsed alerts → dedup by fingerprint → correlate → one
 * storage transaction → events → an investigation for each *new* incident.
 *
 * - A repeat of an active fingerprint updates that alert (`occurrences` + 1); `resolved`
 *   closes it and never opens an incident; an incident whose alerts are all resolved has
 *   `openAlertCount: 0` and, with `autoResolve`, is resolved.
 * - Changes (`kind: 'change'`) never open an incident; one that joins nothing is stored
 *   with `incidentId: null` and linked to the incident of the next alert of its service
 *   within `changeWindowMs`.
 * - Losing an insert race to another process (`CONFLICT` on the dedup constraint) re-runs
 *   the batch, which then finds the other process's alert and deduplicates.
 *
 * @example
 * ```ts
 * const pipeline = createIngestPipeline({ storage, publisher, queue, clock: systemClock, ids: sortableIds() });
 * await pipeline.ingest({ tenantId: 'acme', alerts: grafanaSource().parse(body, ctx) });
 * ```
 */
export function createIngestPipeline(deps: IngestPipelineDeps): IngestPipeline {
  const { storage, publisher, queue, clock, ids } = deps;
  const autoResolve = deps.autoResolve ?? true;
  const correlator = createCorrelator({
    ...(deps.correlation ? { correlation: deps.correlation } : {}),
    ...(deps.embeddings !== undefined ? { embeddings: deps.embeddings } : {}),
    ...(deps.topology ? { topology: deps.topology } : {}),
    ...(deps.onCorrelationError ? { onCorrelationError: deps.onCorrelationError } : {}),
  });
  const lifecycle = createLifecycle({ ...deps, correlator });

  async function ingest(request: IngestRequest): Promise<WebhookAcceptedResponse> {
    const alerts = request.alerts.map((input, index) => {
      const parsed = Alert.safeParse(input);
      if (!parsed.success) {
        throw new AuroraError(
          'INVALID_INPUT',
          `Alert ${index} is invalid: ${parsed.error.issues[0]?.message}`,
          {
            cause: parsed.error,
            details: { index, issues: parsed.error.issues },
          },
        );
      }
      return parsed.data;
    });
    const at = clock.now();
    const prepared = await correlator.prepare(request.tenantId, alerts, at);
    const result = await withConflictRetry(() =>
      storage.transaction((tx) => processBatch(tx, request, prepared, at)),
    );
    await afterCommit(request, result);
    return result.response;
  }

  async function processBatch(
    tx: StorageRepositories,
    request: IngestRequest,
    prepared: PreparedAlert[],
    at: number,
  ): Promise<BatchResult> {
    const { tenantId } = request;
    const now = new Date(at).toISOString();
    const touched = new Map<string, Touched>();
    const alertEvents: BatchResult['alertEvents'] = [];
    const response: WebhookAcceptedResponse = { accepted: prepared.length, alerts: [], incidents: [] };

    const save = async (incident: Incident, patch: IncidentPatch): Promise<Incident> => {
      const updated = await tx.incidents.update(tenantId, incident.id, patch, {
        ifVersion: incident.version,
        ifStatus: [...OPEN_STATUSES],
      });
      const entry = touched.get(incident.id);
      touched.set(incident.id, {
        before: entry ? entry.before : incident,
        incident: updated,
        vector: entry?.vector ?? null,
      });
      return updated;
    };
    const current = async (id: string): Promise<Incident | null> =>
      touched.get(id)?.incident ?? (await tx.incidents.get(tenantId, id));

    for (const p of prepared) {
      const { alert } = p;
      const existing = await tx.alerts.findActive(tenantId, alert.source, alert.fingerprint);

      if (existing) {
        // A repeat: update the alert, recompute its incident when what counts changed.
        const refire = existing.status === 'resolved' && alert.status === 'firing';
        const updated = await tx.alerts.update(tenantId, existing.id, {
          title: alert.title,
          description: alert.description,
          severity: alert.severity,
          status: alert.status,
          labels: alert.labels,
          url: alert.url ?? existing.url,
          endedAt: alert.status === 'resolved' ? (alert.endedAt ?? now) : null,
          raw: alert.raw,
          occurrences: existing.occurrences + 1,
          updatedAt: now,
        });
        alertEvents.push({ type: 'alert.updated', alert: updated });
        const incident = existing.incidentId ? await current(existing.incidentId) : null;
        if (incident && (OPEN_STATUSES as string[]).includes(incident.status)) {
          if (refire || existing.status !== alert.status || existing.severity !== alert.severity) {
            const derived = deriveFields(incident, await tx.alerts.listByIncident(tenantId, incident.id));
            await save(
              incident,
              refire ? { ...derived, lastAlertAt: maxIso(incident.lastAlertAt, now) } : derived,
            );
          }
        }
        response.alerts.push({
          id: existing.id,
          fingerprint: alert.fingerprint,
          status: alert.status,
          incidentId: existing.incidentId,
          deduplicated: true,
        });
        continue;
      }

      const base: StoredAlert = {
        ...alert,
        id: ids.next('alert'),
        tenantId,
        integrationId: request.integrationId ?? null,
        incidentId: null,
        correlation: null,
        active: true,
        receivedAt: now,
        updatedAt: now,
        occurrences: 1,
      };

      if (alert.status === 'resolved' && alert.kind === 'alert') {
        // A resolve for an alert we never saw firing: kept for the record, opens nothing.
        // (A change's status is the build's outcome, not an alert state: it goes on below.)
        const stored = await tx.alerts.insert({ ...base, active: false, endedAt: alert.endedAt ?? now });
        response.alerts.push({
          id: stored.id,
          fingerprint: alert.fingerprint,
          status: 'resolved',
          incidentId: null,
          deduplicated: false,
        });
        continue;
      }

      const extra = [...touched.values()].map((t) => t.incident);
      const decision = await correlator.correlate(tx, p, extra);
      let incident: Incident | null = decision.join ? await current(decision.join.id) : null;
      let stored: StoredAlert;
      if (incident) {
        stored = await tx.alerts.insert({
          ...base,
          incidentId: incident.id,
          correlation: decision.correlation,
        });
        const fields = joinFields(incident, stored);
        incident = await save(incident, {
          ...fields,
          ...(alert.kind === 'alert' ? { lastAlertAt: maxIso(incident.lastAlertAt, now) } : {}),
        });
      } else if (alert.kind === 'change') {
        stored = await tx.alerts.insert(base);
      } else {
        const investigate = !alert.test || request.investigateTestAlerts === true;
        const service = normalizeService(alert.service);
        incident = await tx.incidents.create(
          Incident.parse({
            id: ids.next('incident'),
            tenantId,
            title: alert.title.trim() || `${alert.source} alert`,
            description: alert.description,
            severity: alert.severity,
            status: 'investigating',
            auroraStatus: investigate ? 'queued' : 'cancelled',
            auroraStatusReason: investigate ? null : 'Test notification: not investigated',
            affectedServices: service ? [service] : [],
            environment: alert.environment,
            alertCount: 1,
            openAlertCount: 1,
            origin: 'alert',
            test: alert.test,
            startedAt: now,
            lastAlertAt: now,
            createdAt: now,
            updatedAt: now,
          }),
        );
        touched.set(incident.id, { before: null, incident, vector: p.vector });
        stored = await tx.alerts.insert({
          ...base,
          incidentId: incident.id,
          correlation: decision.correlation,
        });
      }
      if (stored.incidentId) alertEvents.push({ type: 'alert.correlated', alert: stored });

      // Change proximity: link still-unattached changes of this service to the alert's incident
      // (a correlation decision too, so not in shadow mode).
      if (incident && isOpenAlert(stored) && !correlator.options.shadow) {
        for (const change of decision.recentChanges) {
          if (change.incidentId !== null || !change.active || change.id === stored.id) continue;
          const elapsed = at - Date.parse(change.startedAt);
          if (!(elapsed >= 0 && elapsed <= correlator.options.changeWindowMs)) continue;
          const score = roundScore(1 - 0.5 * (elapsed / correlator.options.changeWindowMs));
          const correlation: Correlation = {
            strategy: 'change',
            score,
            details: {
              change: {
                score,
                reason: `Change of ${normalizeService(change.service)} ${formatDuration(elapsed)} before “${alert.title}”`,
              },
            },
            shadow: false,
            wouldJoinIncidentId: null,
          };
          const linked = await tx.alerts.update(tenantId, change.id, {
            incidentId: incident.id,
            correlation,
            updatedAt: now,
          });
          incident = await save(incident, joinFields(incident, linked));
          alertEvents.push({ type: 'alert.correlated', alert: linked });
        }
      }
      response.alerts.push({
        id: stored.id,
        fingerprint: alert.fingerprint,
        status: alert.status,
        incidentId: stored.incidentId,
        deduplicated: false,
      });
    }

    response.incidents = [...touched.values()].map((t) => ({
      id: t.incident.id,
      created: t.before === null,
    }));
    return { response, touched, alertEvents };
  }

  async function afterCommit(request: IngestRequest, { touched, alertEvents }: BatchResult): Promise<void> {
    const { tenantId } = request;
    const at = isoNow(clock);
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    };
    const drafts: IncidentEventDraft[] = [];
    for (const { before, incident } of touched.values()) {
      if (before === null)
        drafts.push({ type: 'incident.created', tenantId, incidentId: incident.id, at, incident });
      else {
        const changes = changedFields(before, incident);
        if (changes.length > 0)
          drafts.push({ type: 'incident.updated', tenantId, incidentId: incident.id, at, incident, changes });
      }
    }
    for (const e of alertEvents) drafts.push({ ...e, tenantId, incidentId: e.alert.incidentId, at });
    // Investigations first: an event-log hiccup must not leave a new incident uninvestigated.
    for (const { before, incident } of touched.values()) {
      if (before === null && incident.auroraStatus === 'queued' && queue) {
        const payload: InvestigateJobPayload = { tenantId, incidentId: incident.id, reason: 'created' };
        await attempt(() => queue.enqueue(INVESTIGATE_JOB, payload, { key: investigationKey(incident.id) }));
      }
    }
    for (const d of drafts) await attempt(() => publisher.publish(d));
    for (const { incident, vector } of touched.values())
      await attempt(() => correlator.track(incident, vector));
    if (autoResolve) {
      for (const { incident } of touched.values()) {
        if (incident.alertCount > 0 && incident.openAlertCount === 0) {
          await attempt(() =>
            lifecycle.resolveIncident(tenantId, incident.id, {
              by: 'aurora',
              reason: 'All alerts resolved',
              whenAllAlertsResolved: true,
            }),
          );
        }
      }
    }
    if (errors.length > 0) throw errors[0];
  }

  async function openIncident(input: OpenIncidentInput): Promise<Incident> {
    const { tenantId, ...rest } = input;
    const parsed = CreateIncidentBody.safeParse(rest);
    if (!parsed.success) {
      throw new AuroraError('INVALID_INPUT', `Invalid incident: ${parsed.error.issues[0]?.message}`, {
        cause: parsed.error,
        details: { issues: parsed.error.issues },
      });
    }
    const body = parsed.data;
    const now = isoNow(clock);
    const service = normalizeService(body.service);
    const incident = await storage.incidents.create(
      Incident.parse({
        id: ids.next('incident'),
        tenantId,
        title: body.title,
        description: body.description ?? '',
        severity: body.severity ?? 'unknown',
        status: 'investigating',
        auroraStatus: 'queued',
        affectedServices: service ? [service] : [],
        environment: body.environment ?? null,
        origin: 'manual',
        startedAt: now,
        lastAlertAt: now,
        createdAt: now,
        updatedAt: now,
      }),
    );
    if (queue) {
      const payload: InvestigateJobPayload = { tenantId, incidentId: incident.id, reason: 'manual' };
      await queue.enqueue(INVESTIGATE_JOB, payload, { key: investigationKey(incident.id) });
    }
    await publisher.publish({
      type: 'incident.created',
      tenantId,
      incidentId: incident.id,
      at: now,
      incident,
    });
    await correlator.track(incident);
    return incident;
  }

  return { ...lifecycle, ingest, openIncident, correlator };
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}
