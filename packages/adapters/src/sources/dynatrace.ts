import type { AlertSource, AlertStatus, Severity } from '@aurora-rca/core';
import { defineSource, makeAlert } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { firstStr, isRecord, parseTags, pickLabel, str } from './shared/fields.js';
import { lookupSeverity, type SourceOptions } from './shared/mapping.js';
import { toIso } from './shared/time.js';

/** Tag names tried for the service before the impacted SERVICE entity. */
export const DYNATRACE_SERVICE_LABELS: readonly string[] = ['service', 'keptn_service', 'app', 'application'];
/** Tag names tried for the environment. */
export const DYNATRACE_ENVIRONMENT_LABELS: readonly string[] = ['environment', 'env', 'stage', 'keptn_stage'];

/** `{ProblemSeverity}` values → normalized severity. */
export const DYNATRACE_SEVERITY_MAP: Readonly<Record<string, Severity>> = {
  availability: 'critical',
  error: 'high',
  performance: 'medium',
  resource_contention: 'medium',
  custom_alert: 'medium',
  monitoring_unavailable: 'low',
  info: 'info',
};

/** Options of {@link dynatraceSource}. */
export type DynatraceSourceOptions = SourceOptions;

const RESOLVED_STATES = new Set(['resolved', 'closed', 'merged']);

/**
 * Dynatrace problem notifications (custom integration / webhook). The payload is a template of
 * `{Placeholders}`; the default docs template and common extras are read (`ProblemTitle`,
 * `State`, `PID`, `ProblemID`, `ProblemSeverity`, `ImpactedEntities`, `Tags`, `"Problem URL"` or
 * `ProblemURL`, `ProblemDetailsJSON.startTime`). A CloudEvent envelope (`specversion` + `data`,
 * as Keptn forwards it) is unwrapped.
 *
 * Fingerprint: `PID` (stable from OPEN to RESOLVED), else `ProblemID`. The docs' "test run"
 * (title "… notification test run", sent by the Send test notification button) is `test: true`.
 * Dynatrace cannot sign: add an `Authorization` (bearer/basic) or custom header in the
 * notification's "Additional HTTP headers".
 */
export function dynatraceSource(options: DynatraceSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'dynatrace',
      displayName: 'Dynatrace',
      authTypes: ['bearer', 'basic', 'header'],
      defaults: {
        severityMap: DYNATRACE_SEVERITY_MAP,
        serviceLabels: DYNATRACE_SERVICE_LABELS,
        environmentLabels: DYNATRACE_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        const envelope = 'specversion' in body && isRecord(body.data) ? body : undefined;
        const p = envelope ? (body.data as Record<string, unknown>) : body;
        const at = envelope ? 'data.' : '';
        const title = str(p.ProblemTitle);
        if (title === undefined) throw invalidInput(ctx.source, `${at}ProblemTitle`);
        const pid = str(p.PID) ?? str(p.ProblemID);
        if (pid === undefined) throw invalidInput(ctx.source, `${at}PID`);
        const state = str(p.State)?.toLowerCase();
        if (state === undefined) throw invalidInput(ctx.source, `${at}State`);
        const status: AlertStatus = RESOLVED_STATES.has(state) ? 'resolved' : 'firing';

        const details = isRecord(p.ProblemDetailsJSON)
          ? p.ProblemDetailsJSON
          : isRecord(p.ProblemDetails)
            ? p.ProblemDetails
            : {};
        const entities = Array.isArray(p.ImpactedEntities) ? p.ImpactedEntities.filter(isRecord) : [];
        const serviceEntity = entities.find((e) => str(e.type)?.toUpperCase() === 'SERVICE');
        const tags = parseTags(p.Tags);
        const labels: Record<string, string> = { ...tags };
        const put = (k: string, v: string | undefined) => {
          if (v !== undefined) labels[k] = v;
        };
        put('problem_id', str(p.ProblemID));
        put('problem_impact', str(p.ProblemImpact));
        put('problem_severity', str(p.ProblemSeverity));
        put('state', str(p.State));
        put('impacted_entity', str(p.ImpactedEntity) ?? str(p.ImpactedEntityNames));
        for (const e of entities) put(`entity.${str(e.type)?.toLowerCase() ?? 'unknown'}`, str(e.name));
        const severity =
          lookupSeverity(str(p.ProblemSeverity), ctx.mapping) ??
          lookupSeverity(str(details.severityLevel), ctx.mapping) ??
          ctx.mapping.defaultSeverity;
        const startedAt =
          toIso(details.startTime) ?? (envelope ? toIso(envelope.time) : null) ?? ctx.receivedAt;
        const impact = str(p.ProblemImpact);
        const affected = str(p.ImpactedEntity) ?? str(p.ImpactedEntityNames);
        return [
          makeAlert(ctx, {
            sourceAlertId: str(p.ProblemID) ?? pid,
            fingerprint: `dynatrace:${pid}`,
            title,
            description:
              str(p.ProblemDetailsText) ??
              [impact && `${impact} impact`, affected && `on ${affected}`].filter(Boolean).join(' '),
            severity,
            status,
            service:
              pickLabel(tags, ctx.mapping.serviceLabels) ??
              str(p.KeptnService) ??
              (serviceEntity ? str(serviceEntity.name) : undefined) ??
              null,
            environment: pickLabel(tags, ctx.mapping.environmentLabels) ?? str(p.KeptnStage) ?? null,
            labels,
            startedAt,
            endedAt: status === 'resolved' ? (toIso(details.endTime) ?? ctx.receivedAt) : null,
            url: firstStr(p, ['Problem URL', 'ProblemURL', 'ProblemUrl']) ?? null,
            kind: 'alert',
            test: /notification test run/i.test(title),
            raw: body,
          }),
        ];
      },
    },
    options,
  );
}
