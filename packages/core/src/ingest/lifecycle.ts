import { AuroraError, notFound } from '../errors.js';
import type { Incident, IncidentEventDraft, IncidentPatch, Thought } from '../model/index.js';
import { assertTransition, isOpen, OPEN_STATUSES } from '../model/lifecycle.js';
import { investigationKey } from '../runtime/jobs.js';
import type { StorageRepositories } from '../spec/storage.js';
import { isoNow } from '../util/clock.js';
import { withConflictRetry } from './conflict-retry.js';
import { changedFields, deriveFields } from './incident-state.js';
import type { Lifecycle, LifecycleDeps, ResolveOptions } from './types.js';

/** How many of the source's last thoughts are carried into the target on merge. */
const CARRIED_THOUGHTS = 3;

/**
 * The incident lifecycle operations (resolve, update, merge), in one place for the ingest
 * pipeline and the engine facade. Each runs in one storage transaction with version checks
 * and retries on `CONFLICT`; events, job cancellation and hooks run after the commit.
 */
export function createLifecycle(deps: LifecycleDeps): Lifecycle {
  const { storage, publisher, queue, clock, ids, hooks, correlator } = deps;
  const newThoughtId = () => ids.next('thought');

  async function publishAll(drafts: IncidentEventDraft[]): Promise<void> {
    for (const d of drafts) await publisher.publish(d);
  }

  function systemThought(content: string, createdAt: string) {
    return [{ content, kind: 'system' as const, createdAt }];
  }

  async function resolveIncident(
    tenantId: string,
    id: string,
    options: ResolveOptions = {},
  ): Promise<Incident> {
    const by = options.by ?? null;
    const result = await withConflictRetry(() =>
      storage.transaction(async (tx) => {
        const before = await tx.incidents.get(tenantId, id);
        if (!before) throw notFound('Incident', id);
        if (before.status === 'resolved') return { incident: before, changed: false as const };
        assertTransition(before.status, 'resolved');
        if (options.whenAllAlertsResolved && before.openAlertCount > 0) {
          return { incident: before, changed: false as const };
        }
        const now = isoNow(clock);
        const reason = options.reason ?? (by ? `Resolved by ${by}` : 'Resolved');
        const cancel = before.auroraStatus === 'queued' || before.auroraStatus === 'running';
        const patch: IncidentPatch = { status: 'resolved', resolvedAt: now };
        if (cancel)
          Object.assign(patch, {
            auroraStatus: 'cancelled',
            auroraStatusReason: `Incident resolved: ${reason}`,
          });
        const incident = await tx.incidents.update(tenantId, id, patch, {
          ifVersion: before.version,
          ifStatus: [...OPEN_STATUSES],
        });
        await tx.alerts.deactivateByIncident(tenantId, id);
        const note =
          by && !reason.includes(by)
            ? `Incident resolved by ${by}: ${reason}`
            : `Incident resolved: ${reason}`;
        const thoughts = await tx.thoughts.append(tenantId, id, systemThought(note, now), newThoughtId);
        return {
          incident,
          changed: true as const,
          cancel,
          reason,
          thoughts,
          changes: changedFields(before, incident),
        };
      }),
    );
    if (!result.changed) return result.incident;
    const { incident } = result;
    correlator?.forget(tenantId, id);
    if (result.cancel) await queue?.cancel(investigationKey(id), result.reason);
    const at = isoNow(clock);
    await publishAll([
      { type: 'incident.updated', tenantId, incidentId: id, at, incident, changes: result.changes },
      { type: 'thought', tenantId, incidentId: id, at, thoughts: result.thoughts },
    ]);
    if (hooks?.incidentResolved) {
      try {
        await hooks.incidentResolved(incident);
      } catch (error) {
        hooks.hookFailed?.(error, { hook: 'incidentResolved', incidentId: id });
      }
    }
    return incident;
  }

  async function updateIncident(
    tenantId: string,
    id: string,
    patch: IncidentPatch,
    options: { by?: string | null } = {},
  ): Promise<Incident> {
    if (patch.status === 'merged' || 'mergedIntoId' in patch) {
      throw new AuroraError('INVALID_INPUT', 'An incident is merged with merge(), not by an update', {
        details: { field: patch.status === 'merged' ? 'status' : 'mergedIntoId' },
      });
    }
    const { status, ...rest } = patch;
    let incident: Incident | null = null;
    if (Object.keys(rest).length > 0 || (status && status !== 'resolved')) {
      const result = await withConflictRetry(() =>
        storage.transaction(async (tx) => {
          const before = await tx.incidents.get(tenantId, id);
          if (!before) throw notFound('Incident', id);
          // Checked here too so a combined `{ status: 'resolved', summary }` on a merged incident changes nothing.
          if (status) assertTransition(before.status, status);
          const apply: IncidentPatch = { ...rest };
          if (status && status !== 'resolved') apply.status = status;
          const after = await tx.incidents.update(tenantId, id, apply, {
            ifVersion: before.version,
            ...(status && status !== 'resolved' ? { ifStatus: [before.status] } : {}),
          });
          return { before, after };
        }),
      );
      incident = result.after;
      const changes = changedFields(result.before, result.after);
      if (changes.length > 0) {
        await publisher.publish({
          type: 'incident.updated',
          tenantId,
          incidentId: id,
          at: isoNow(clock),
          incident,
          changes,
        });
      }
    }
    if (status === 'resolved') return resolveIncident(tenantId, id, { by: options.by ?? null });
    if (incident) return incident;
    const current = await storage.incidents.get(tenantId, id);
    if (!current) throw notFound('Incident', id);
    return current;
  }

  async function merge(
    tenantId: string,
    sourceId: string,
    targetId: string,
    options: { by?: string | null } = {},
  ) {
    if (sourceId === targetId) {
      throw new AuroraError('INVALID_INPUT', 'An incident cannot be merged into itself', {
        details: { sourceId },
      });
    }
    const by = options.by ?? null;
    const result = await withConflictRetry(() =>
      storage.transaction(async (tx) => {
        const [source, target] = await Promise.all([
          tx.incidents.get(tenantId, sourceId),
          tx.incidents.get(tenantId, targetId),
        ]);
        if (!source) throw notFound('Incident', sourceId);
        if (!target) throw notFound('Incident', targetId);
        checkMergeable(source, target);
        const now = isoNow(clock);
        const reason = `Merged into ${target.id}${by ? ` by ${by}` : ''}`;
        const cancel = source.auroraStatus === 'queued' || source.auroraStatus === 'running';
        // Claim both rows first (version + status checks): of two racing merges touching
        // the same incident, the second fails here with CONFLICT and is retried, then refused.
        const sourcePatch: IncidentPatch = { status: 'merged', mergedIntoId: target.id };
        if (cancel) Object.assign(sourcePatch, { auroraStatus: 'cancelled', auroraStatusReason: reason });
        const claimedSource = await tx.incidents.update(tenantId, source.id, sourcePatch, {
          ifVersion: source.version,
          ifStatus: [...OPEN_STATUSES],
        });
        const claimedTarget = await tx.incidents.update(
          tenantId,
          target.id,
          { lastAlertAt: target.lastAlertAt },
          {
            ifVersion: target.version,
            ifStatus: [...OPEN_STATUSES],
          },
        );
        const movedAlerts = await tx.alerts.moveToIncident(tenantId, source.id, target.id);
        await tx.suggestions.moveToIncident(tenantId, source.id, target.id);
        const alerts = await tx.alerts.listByIncident(tenantId, target.id);
        const lastAlertAt = [source.lastAlertAt, target.lastAlertAt].sort()[1]!;
        const derived = deriveFields({ ...claimedTarget, affectedServices: union(target, source) }, alerts);
        const finalTarget = await tx.incidents.update(
          tenantId,
          target.id,
          { ...derived, lastAlertAt },
          { ifVersion: claimedTarget.version },
        );
        const finalSource = await tx.incidents.update(
          tenantId,
          source.id,
          { alertCount: 0, openAlertCount: 0 },
          { ifVersion: claimedSource.version },
        );
        const thoughts = await tx.thoughts.append(
          tenantId,
          target.id,
          systemThought(await mergeNote(tx, tenantId, source, movedAlerts, by), now),
          newThoughtId,
        );
        return {
          source: finalSource,
          target: finalTarget,
          before: target,
          movedAlerts,
          cancel,
          reason,
          thoughts,
        };
      }),
    );
    const { source, target } = result;
    correlator?.forget(tenantId, source.id);
    if (correlator) await correlator.track(target);
    if (result.cancel) await queue?.cancel(investigationKey(source.id), result.reason);
    const at = isoNow(clock);
    await publishAll([
      { type: 'incident.merged', tenantId, incidentId: source.id, at, incident: source, targetId: target.id },
      {
        type: 'incident.updated',
        tenantId,
        incidentId: target.id,
        at,
        incident: target,
        changes: changedFields(result.before, target),
      },
      { type: 'thought', tenantId, incidentId: target.id, at, thoughts: result.thoughts },
    ]);
    return { source, target, movedAlerts: result.movedAlerts };
  }

  return { resolveIncident, updateIncident, merge };
}

function checkMergeable(source: Incident, target: Incident): void {
  if (source.status === 'merged') {
    throw new AuroraError(
      'INVALID_TRANSITION',
      `Incident ${source.id} is already merged into ${source.mergedIntoId}`,
      {
        details: { sourceId: source.id, mergedIntoId: source.mergedIntoId },
      },
    );
  }
  if (!isOpen(target.status)) {
    throw new AuroraError(
      'INVALID_TRANSITION',
      `Cannot merge into a ${target.status} incident (${target.id})`,
      {
        details: { targetId: target.id, status: target.status },
      },
    );
  }
  assertTransition(source.status, 'merged');
}

function union(a: Incident, b: Incident): string[] {
  return [...new Set([...a.affectedServices, ...b.affectedServices])];
}

/** The merge note on the target's timeline carries the source's findings into its context. */
async function mergeNote(
  tx: StorageRepositories,
  tenantId: string,
  source: Incident,
  movedAlerts: number,
  by: string | null,
): Promise<string> {
  const lines = [
    `Merged incident “${source.title}” (${source.id})${by ? ` by ${by}` : ''}: ${movedAlerts} alert${movedAlerts === 1 ? '' : 's'} moved here.`,
  ];
  if (source.summary) lines.push(`Its summary: ${source.summary}`);
  if (source.rootCause)
    lines.push(`Its root cause${source.confidence ? ` (${source.confidence})` : ''}: ${source.rootCause}`);
  const last = (await tx.thoughts.list(tenantId, source.id))
    .filter((t: Thought) => t.kind === 'investigation')
    .slice(-CARRIED_THOUGHTS);
  if (last.length > 0) lines.push(`Its last findings:\n${last.map((t) => `- ${t.content}`).join('\n')}`);
  return lines.join('\n');
}
