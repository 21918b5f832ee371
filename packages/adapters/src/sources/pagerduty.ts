import type { AlertInput, AlertSource, AlertStatus } from '@aurora-rca/core';
import { defineSource, makeAlert, type SourceParseContext } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { isRecord, labelValue, pickLabel, stableHash, str } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, mapSeverity, type SourceOptions } from './shared/mapping.js';
import { toIso } from './shared/time.js';

/**
 * Field names tried for the service of an Events API v2 event (`payload` fields and
 * `custom_details`). V3 webhooks always use the PagerDuty service name.
 */
export const PAGERDUTY_SERVICE_LABELS: readonly string[] = ['service', 'component', 'source'];

/** Options of {@link pagerdutySource}. */
export type PagerDutySourceOptions = SourceOptions;

function v3Status(data: Record<string, unknown>, eventType: string): AlertStatus {
  const s = str(data.status)?.toLowerCase();
  if (s === 'resolved' || eventType === 'incident.resolved') return 'resolved';
  return 'firing';
}

function parseV3(event: Record<string, unknown>, body: unknown, ctx: SourceParseContext): AlertInput[] {
  const eventType = str(event.event_type) ?? '';
  if (eventType === 'pagey.ping') {
    return [
      makeAlert(ctx, {
        fingerprint: `pagerduty:ping:${str(event.id) ?? 'ping'}`,
        title: 'PagerDuty webhook test (pagey.ping)',
        severity: 'info',
        status: 'resolved',
        startedAt: toIso(event.occurred_at) ?? ctx.receivedAt,
        endedAt: toIso(event.occurred_at) ?? ctx.receivedAt,
        test: true,
        raw: body,
      }),
    ];
  }
  const data = event.data;
  if (eventType.startsWith('incident.') && !isRecord(data)) throw invalidInput(ctx.source, 'event.data');
  // Only incident resources become alerts; notes, service updates and the like carry no alert.
  if (!isRecord(data) || str(data.type) !== 'incident') return [];
  const id = str(data.id);
  if (id === undefined) throw invalidInput(ctx.source, 'event.data.id');
  const title = str(data.title) ?? str(data.summary);
  if (title === undefined) throw invalidInput(ctx.source, 'event.data.title');
  const status = v3Status(data, eventType);
  const priority = isRecord(data.priority) ? str(data.priority.summary) : undefined;
  const urgency = str(data.urgency);
  const service = isRecord(data.service) ? (str(data.service.summary) ?? str(data.service.id)) : undefined;
  const labels: Record<string, string> = {};
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined) labels[k] = v;
  };
  put('event_type', eventType || undefined);
  put('urgency', urgency);
  put('priority', priority);
  put('incident_number', str(data.number));
  put('incident_key', str(data.incident_key));
  put('service_id', isRecord(data.service) ? str(data.service.id) : undefined);
  put(
    'escalation_policy',
    isRecord(data.escalation_policy) ? str(data.escalation_policy.summary) : undefined,
  );
  const occurredAt = toIso(event.occurred_at);
  return [
    makeAlert(ctx, {
      sourceAlertId: id,
      fingerprint: `pagerduty:incident:${id}`,
      title,
      description: str(data.description) ?? '',
      // Priority (P1…P5) is the operator's explicit rating; urgency (high/low) the fallback.
      severity: mapSeverity(priority ?? urgency, ctx.mapping),
      status,
      service: service ?? null,
      environment: null,
      labels,
      startedAt: toIso(data.created_at) ?? occurredAt ?? ctx.receivedAt,
      endedAt: status === 'resolved' ? (toIso(data.resolved_at) ?? occurredAt ?? ctx.receivedAt) : null,
      url: str(data.html_url) ?? null,
      kind: 'alert',
      raw: body,
    }),
  ];
}

function parseEventsV2(body: Record<string, unknown>, ctx: SourceParseContext): AlertInput[] {
  const action = str(body.event_action)?.toLowerCase();
  if (action !== 'trigger' && action !== 'acknowledge' && action !== 'resolve') {
    throw invalidInput(ctx.source, 'event_action');
  }
  const payload = isRecord(body.payload) ? body.payload : undefined;
  const dedupKey = str(body.dedup_key);
  if (action !== 'trigger' && dedupKey === undefined) throw invalidInput(ctx.source, 'dedup_key');
  const summary = payload ? str(payload.summary) : undefined;
  if (action === 'trigger' && summary === undefined) throw invalidInput(ctx.source, 'payload.summary');
  const labels: Record<string, string> = {};
  for (const key of ['source', 'component', 'group', 'class', 'severity'] as const) {
    const v = payload ? str(payload[key]) : undefined;
    if (v !== undefined) labels[key] = v;
  }
  if (payload && isRecord(payload.custom_details)) {
    for (const [k, v] of Object.entries(payload.custom_details)) {
      const s = labelValue(v);
      if (s !== undefined && !(k in labels)) labels[k] = s;
    }
  }
  // Without a dedup_key PagerDuty would open a new incident; we derive a stable key so a
  // re-delivery of the same event still de-duplicates. The routing key is a credential and is
  // only ever hashed, never copied into labels.
  const key =
    dedupKey ?? `derived:${stableHash(`${str(body.routing_key) ?? ''}|${summary}|${labels.source ?? ''}`)}`;
  const firstLink =
    Array.isArray(body.links) && isRecord(body.links[0]) ? str(body.links[0].href) : undefined;
  const status = action === 'resolve' ? 'resolved' : 'firing';
  return [
    makeAlert(ctx, {
      sourceAlertId: dedupKey ?? null,
      fingerprint: `pagerduty:dedup:${key}`,
      title: summary ?? dedupKey ?? 'PagerDuty event',
      description: '',
      severity: mapSeverity(payload ? str(payload.severity) : undefined, ctx.mapping),
      status,
      service: pickLabel(labels, ctx.mapping.serviceLabels),
      environment: pickLabel(labels, ctx.mapping.environmentLabels),
      labels,
      startedAt: (payload && toIso(payload.timestamp)) ?? ctx.receivedAt,
      endedAt: status === 'resolved' ? ctx.receivedAt : null,
      url: str(body.client_url) ?? firstLink ?? null,
      kind: 'alert',
      raw: body,
    }),
  ];
}

/**
 * PagerDuty: V3 webhook subscriptions (`{ event: { event_type, data } }`; `incident.*` events
 * become alerts keyed by the incident id, other resources are ignored, `pagey.ping` is a test)
 * and Events API v2 bodies (`event_action` trigger/acknowledge/resolve, keyed by `dedup_key`),
 * for tools that already speak PD-CEF.
 *
 * Severity: V3 incident priority `P1`…`P5`, else urgency `high`/`low`; Events v2
 * `payload.severity` (`critical`/`error`/`warning`/`info`).
 *
 * Auth: `pagerduty` (`X-PagerDuty-Signature: v1=…`, several secrets during rotation), or a
 * `header`/`bearer` token for Events v2 senders.
 *
 * @example
 * ```ts
 * const integration = { id: 'pd', tenantId: 't1', source: 'pagerduty', auth: { type: 'pagerduty', secrets: [current, next] } };
 * ```
 */
export function pagerdutySource(options: PagerDutySourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'pagerduty',
      displayName: 'PagerDuty',
      authTypes: ['pagerduty', 'header', 'bearer', 'basic'],
      defaults: {
        severityMap: { error: 'high', warning: 'medium', high: 'high', low: 'low' },
        serviceLabels: PAGERDUTY_SERVICE_LABELS,
        environmentLabels: DEFAULT_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        if (isRecord(body.event)) return parseV3(body.event, body, ctx);
        if ('event_action' in body) return parseEventsV2(body, ctx);
        throw invalidInput(
          ctx.source,
          'event',
          'expected a V3 webhook `event` or an Events API v2 `event_action`',
        );
      },
    },
    options,
  );
}
