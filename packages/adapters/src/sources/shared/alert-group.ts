import type { AlertInput } from '@aurora-rca/core';
import { makeAlert, type SourceParseContext } from './define-source.js';
import { invalidInput } from './errors.js';
import { isRecord, labelsHash, pickLabel, str, toLabels } from './fields.js';
import { mapSeverity } from './mapping.js';
import { toIso } from './time.js';

/** Source-specific touches on the Alertmanager group format (Grafana adds URLs and test alerts). */
export interface AlertGroupHooks {
  isTest?(labels: Record<string, string>, annotations: Record<string, string>): boolean;
  url?(alert: Record<string, unknown>, group: Record<string, unknown>): string | null;
}

/**
 * Fans an Alertmanager-format group (`alerts[]` + group fields; also Grafana unified alerting)
 * out into one alert per element. Each alert's `raw` is the group envelope holding only that
 * alert, so it is itself a valid payload and a replay of it yields the same alert.
 */
export function parseAlertGroup(
  group: Record<string, unknown>,
  ctx: SourceParseContext,
  hooks: AlertGroupHooks = {},
): AlertInput[] {
  const alerts = group.alerts;
  if (!Array.isArray(alerts)) throw invalidInput(ctx.source, 'alerts');
  const commonLabels = toLabels(group.commonLabels);
  const commonAnnotations = toLabels(group.commonAnnotations);
  return alerts.map((a, i) => {
    if (!isRecord(a)) throw invalidInput(ctx.source, `alerts[${i}]`);
    const labels = isRecord(a.labels) ? toLabels(a.labels) : commonLabels;
    const annotations = { ...commonAnnotations, ...toLabels(a.annotations) };
    const summary = str(annotations.summary);
    const title = str(labels.alertname) ?? summary ?? str(annotations.title);
    if (title === undefined) throw invalidInput(ctx.source, `alerts[${i}].labels.alertname`);
    const statusWord = str(a.status) ?? str(group.status);
    if (statusWord !== 'firing' && statusWord !== 'resolved')
      throw invalidInput(ctx.source, `alerts[${i}].status`);
    const description =
      str(annotations.description) ??
      str(annotations.message) ??
      (summary !== title ? summary : undefined) ??
      '';
    const vendorFingerprint = str(a.fingerprint);
    const endsAt = toIso(a.endsAt);
    return makeAlert(ctx, {
      sourceAlertId: vendorFingerprint ?? null,
      fingerprint: `${ctx.source}:${vendorFingerprint ?? `labels:${labelsHash(labels)}`}`,
      title,
      description,
      severity: mapSeverity(labels.severity ?? labels.priority ?? labels.level, ctx.mapping),
      status: statusWord,
      service: pickLabel(labels, ctx.mapping.serviceLabels),
      environment: pickLabel(labels, ctx.mapping.environmentLabels),
      labels,
      startedAt: toIso(a.startsAt) ?? ctx.receivedAt,
      // A firing alert's endsAt is Alertmanager's resolve timeout, not an end.
      endedAt: statusWord === 'resolved' ? (endsAt ?? ctx.receivedAt) : null,
      url: hooks.url ? hooks.url(a, group) : (str(a.generatorURL) ?? str(group.externalURL) ?? null),
      kind: 'alert',
      test: hooks.isTest?.(labels, annotations) ?? false,
      raw: { ...group, alerts: [a] },
    });
  });
}
