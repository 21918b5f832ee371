import type { AlertInput, AlertSource } from '@aurora-rca/core';
import { parseAlertGroup } from './shared/alert-group.js';
import { defineSource, makeAlert, type SourceParseContext } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { firstStr, isRecord, pickLabel, str, toLabels } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, mapSeverity, type SourceOptions } from './shared/mapping.js';

/** Label names tried for the service, in order. Grafana has no standard one. */
export const GRAFANA_SERVICE_LABELS: readonly string[] = [
  'service',
  'service_name',
  'app',
  'application',
  'job',
  'grafana_folder',
  'team',
  'host',
];

/** Header Grafana 12+ puts its HMAC-SHA256 signature in by default. */
export const GRAFANA_SIGNATURE_HEADER = 'x-grafana-alerting-signature';

/** Options of {@link grafanaSource}. */
export type GrafanaSourceOptions = SourceOptions;

const LEGACY_FIRING = new Set(['alerting', 'no_data', 'pending']);
const LEGACY_RESOLVED = new Set(['ok', 'paused']);

/** Grafana's built-in "Test" button sends this alert (unified alerting). */
function isUnifiedTest(labels: Record<string, string>, annotations: Record<string, string>): boolean {
  return (
    (labels.alertname === 'TestAlert' && labels.instance === 'Grafana') ||
    annotations.summary === 'Notification test'
  );
}

function parseLegacy(body: Record<string, unknown>, ctx: SourceParseContext): AlertInput {
  const title = str(body.ruleName) ?? str(body.title)?.replace(/^\[[^\]]*\]\s*/, '');
  if (title === undefined) throw invalidInput(ctx.source, 'ruleName');
  const state = str(body.state)?.toLowerCase();
  const status =
    state && LEGACY_FIRING.has(state) ? 'firing' : state && LEGACY_RESOLVED.has(state) ? 'resolved' : null;
  if (status === null) throw invalidInput(ctx.source, 'state');
  const labels = toLabels(body.tags);
  const ruleKey = str(body.ruleId) ?? `name:${title}`;
  const isTest =
    (str(body.ruleId) === '0' && title === 'Test notification') ||
    str(body.message) === 'Someone is testing the alert notification within grafana.';
  return makeAlert(ctx, {
    sourceAlertId: str(body.ruleId) ?? null,
    // The `ok` message carries no eval data, so the rule identity is the only stable key.
    fingerprint: `grafana:legacy:${str(body.orgId) ?? '0'}:${ruleKey}`,
    title,
    description: str(body.message) ?? '',
    severity: mapSeverity(labels.severity ?? labels.priority, ctx.mapping),
    status,
    service: pickLabel(labels, ctx.mapping.serviceLabels),
    environment: pickLabel(labels, ctx.mapping.environmentLabels),
    labels,
    startedAt: ctx.receivedAt,
    endedAt: status === 'resolved' ? ctx.receivedAt : null,
    url: str(body.ruleUrl) ?? null,
    kind: 'alert',
    test: isTest,
    raw: body,
  });
}

/**
 * Grafana webhook contact point: unified alerting (Grafana 8+, the Alertmanager group format
 * plus `values`, `dashboardURL`, `panelURL`, …; fanned out per alert, fingerprint = Grafana's
 * label hash) and legacy dashboard alerting (`ruleId`, `state`; fingerprint = org + rule id).
 *
 * Grafana's "Test" notifications (unified `TestAlert`/"Notification test", legacy
 * "Test notification") are marked `test: true`. No severity is sent unless the rule has a
 * `severity` label; set `defaultSeverity` to choose one.
 *
 * Auth: `hmac` (Grafana 12+, header {@link GRAFANA_SIGNATURE_HEADER}; optional timestamp
 * header, signing `timestamp:body`), `basic`, `bearer`, or a custom `header`.
 *
 * @example
 * ```ts
 * const source = grafanaSource({ serviceLabels: ['service', 'grafana_folder'], defaultSeverity: 'medium' });
 * ```
 */
export function grafanaSource(options: GrafanaSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'grafana',
      displayName: 'Grafana',
      authTypes: ['hmac', 'basic', 'bearer', 'header'],
      hmacHeader: GRAFANA_SIGNATURE_HEADER,
      defaults: {
        severityMap: {},
        serviceLabels: GRAFANA_SERVICE_LABELS,
        environmentLabels: DEFAULT_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        if (Array.isArray(body.alerts)) {
          return parseAlertGroup(body, ctx, {
            isTest: isUnifiedTest,
            url: (a, g) =>
              firstStr(a, ['generatorURL', 'panelURL', 'dashboardURL']) ?? str(g.externalURL) ?? null,
          });
        }
        if ('ruleName' in body || 'ruleId' in body || 'evalMatches' in body) return [parseLegacy(body, ctx)];
        throw invalidInput(ctx.source, 'alerts', 'expected unified `alerts[]` or legacy `ruleName`/`state`');
      },
    },
    options,
  );
}
