import type { AlertSource } from '@aurora-rca/core';
import { parseAlertGroup } from './shared/alert-group.js';
import { defineSource } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { isRecord } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, type SourceOptions } from './shared/mapping.js';

/** Label names tried for the service, in order. */
export const ALERTMANAGER_SERVICE_LABELS: readonly string[] = [
  'service',
  'service_name',
  'app',
  'app_kubernetes_io_name',
  'application',
  'job',
  'host',
];

/** Options of {@link alertmanagerSource}. */
export type AlertmanagerSourceOptions = SourceOptions;

/**
 * Prometheus Alertmanager `webhook_config` receiver (payload version 4). One notification
 * carries a group; each element of `alerts[]` becomes an alert whose fingerprint is
 * Alertmanager's own label hash, so a resolve finds the firing alert.
 *
 * Severity comes from `labels.severity` (`critical`, `warning`, `info`, …; see
 * `COMMON_SEVERITY_MAP`), the service from {@link ALERTMANAGER_SERVICE_LABELS}. Alertmanager
 * cannot sign: use `bearer` (`http_config.authorization`) or `basic` (`http_config.basic_auth`).
 *
 * @example
 * ```ts
 * const source = alertmanagerSource({ serviceLabels: ['service', 'namespace'] });
 * ```
 */
export function alertmanagerSource(options: AlertmanagerSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'alertmanager',
      displayName: 'Prometheus Alertmanager',
      authTypes: ['bearer', 'basic', 'header'],
      defaults: {
        severityMap: {},
        serviceLabels: ALERTMANAGER_SERVICE_LABELS,
        environmentLabels: DEFAULT_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object with `alerts`');
        return parseAlertGroup(body, ctx);
      },
    },
    options,
  );
}
