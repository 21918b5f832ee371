import type { AlertInput, AlertSource, AlertStatus, Severity } from '@aurora-rca/core';
import { defineSource, makeAlert, type SourceParseContext } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { firstStr, isRecord, labelValue, pickLabel, stableHash, str, toLabels } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, lookupSeverity, type SourceOptions } from './shared/mapping.js';
import { toIso } from './shared/time.js';

/**
 * Names tried for the service: in Enterprise `result` fields, in Observability detector
 * dimensions (`inputs.*.key`).
 */
export const SPLUNK_SERVICE_LABELS: readonly string[] = [
  'service',
  'sf_service',
  'service.name',
  'app_name',
  'host',
  'sourcetype',
];

/** Splunk Observability detector severities → normalized severity. */
export const SPLUNK_SEVERITY_MAP: Readonly<Record<string, Severity>> = {
  critical: 'critical',
  major: 'high',
  minor: 'medium',
  warning: 'low',
  info: 'info',
};

/** Options of {@link splunkSource}. */
export type SplunkSourceOptions = SourceOptions;

const RESOLVED = new Set(['ok', 'manually resolved', 'stopped', 'cleared', 'resolved']);

function parseObservability(body: Record<string, unknown>, ctx: SourceParseContext): AlertInput {
  const title = firstStr(body, ['messageTitle', 'rule', 'detector']);
  if (title === undefined) throw invalidInput(ctx.source, 'detector');
  const state = (firstStr(body, ['statusExtended', 'status']) ?? '').toLowerCase();
  if (state === '') throw invalidInput(ctx.source, 'statusExtended');
  const status: AlertStatus = RESOLVED.has(state) ? 'resolved' : 'firing';
  const dims: Record<string, string> = {};
  if (isRecord(body.inputs)) {
    for (const input of Object.values(body.inputs)) {
      if (!isRecord(input)) continue;
      Object.assign(dims, toLabels(input.key), toLabels(input.dimensions));
    }
  }
  const labels: Record<string, string> = { ...dims };
  for (const k of ['detector', 'rule', 'severity', 'eventType', 'detectorId'] as const) {
    const v = str(body[k]);
    if (v !== undefined) labels[k] = v;
  }
  const incidentId = str(body.incidentId);
  const timestamp = toIso(body.timestamp);
  return makeAlert(ctx, {
    sourceAlertId: incidentId ?? null,
    fingerprint: `splunk:incident:${incidentId ?? stableHash(`${str(body.detector) ?? ''}|${str(body.rule) ?? ''}`)}`,
    title,
    description: firstStr(body, ['messageBody', 'description']) ?? '',
    severity: lookupSeverity(str(body.severity), ctx.mapping) ?? ctx.mapping.defaultSeverity,
    status,
    service: pickLabel(dims, ctx.mapping.serviceLabels),
    environment: pickLabel(dims, ctx.mapping.environmentLabels),
    labels,
    // The docs sample has a 5-digit year; an unreadable time falls back to the receive time.
    startedAt: timestamp ?? ctx.receivedAt,
    endedAt: status === 'resolved' ? (timestamp ?? ctx.receivedAt) : null,
    url: firstStr(body, ['detectorUrl', 'imageUrl']) ?? null,
    kind: 'alert',
    raw: body,
  });
}

function parseEnterprise(body: Record<string, unknown>, ctx: SourceParseContext): AlertInput {
  const searchName = str(body.search_name);
  const sid = str(body.sid);
  // search_name can be null (docs sample); the search id still names the run.
  const title = searchName ?? sid;
  if (title === undefined) throw invalidInput(ctx.source, 'search_name');
  const result = isRecord(body.result) ? body.result : {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(result)) {
    // Splunk's internal fields (_raw, _time, _cd, _bkt, …) are not labels.
    if (k.startsWith('_')) continue;
    const s = labelValue(v);
    if (s !== undefined) labels[k] = s;
  }
  const app = str(body.app);
  if (app !== undefined) labels.splunk_app = app;
  const owner = str(body.owner);
  if (owner !== undefined) labels.splunk_owner = owner;
  const severityWord = firstStr(result, ['severity', 'urgency', 'priority']);
  return makeAlert(ctx, {
    sourceAlertId: sid ?? null,
    // One saved search is one alert; sid is unique per run so it is only the fallback.
    fingerprint: `splunk:search:${app ?? ''}:${searchName ?? `sid:${sid}`}`,
    title,
    description: firstStr(result, ['message', 'description', '_raw']) ?? '',
    severity: lookupSeverity(severityWord, ctx.mapping) ?? ctx.mapping.defaultSeverity,
    status: 'firing',
    service: pickLabel(labels, ctx.mapping.serviceLabels),
    environment: pickLabel(labels, ctx.mapping.environmentLabels),
    labels,
    startedAt: toIso(result._time) ?? ctx.receivedAt,
    endedAt: null,
    url: str(body.results_link) ?? null,
    kind: 'alert',
    raw: body,
  });
}

/**
 * Splunk: Enterprise saved-search webhook alert action (`search_name`, `sid`, `result`,
 * `results_link`; always firing — Splunk sends no resolve) and Observability Cloud detector
 * webhooks (`detector`, `incidentId`, `severity`, `statusExtended`, dimensions in `inputs`).
 *
 * Auth: `sfx` for Observability (`X-SFX-Signature` = base64 HMAC-SHA256 with the shared secret);
 * Enterprise cannot sign or add headers, so use `basic` credentials in the URL if your proxy
 * forwards them, a `header` token added by a proxy, or `bearer`.
 */
export function splunkSource(options: SplunkSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'splunk',
      displayName: 'Splunk',
      authTypes: ['sfx', 'basic', 'bearer', 'header'],
      defaults: {
        severityMap: SPLUNK_SEVERITY_MAP,
        serviceLabels: SPLUNK_SERVICE_LABELS,
        environmentLabels: [...DEFAULT_ENVIRONMENT_LABELS, 'sf_environment'],
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        if ('detector' in body || 'incidentId' in body || 'sf_schema' in body)
          return [parseObservability(body, ctx)];
        if ('sid' in body || 'search_name' in body || 'results_link' in body)
          return [parseEnterprise(body, ctx)];
        throw invalidInput(
          ctx.source,
          'search_name',
          'expected an Enterprise `search_name`/`sid` or a `detector`',
        );
      },
    },
    options,
  );
}
