/**
 * Alert sources: one factory per vendor, each implementing `AlertSource` v1 (verify + parse).
 * Prefer the per-source subpaths (`@aurora-rca/adapters/grafana`) to keep bundles small.
 * @packageDocumentation
 */
import type { AlertSource } from '@aurora-rca/core';
import { alertmanagerSource } from './alertmanager.js';
import { cloudbeesSource } from './cloudbees.js';
import { datadogSource } from './datadog.js';
import { dynatraceSource } from './dynatrace.js';
import { genericSource } from './generic.js';
import { grafanaSource } from './grafana.js';
import { jenkinsSource } from './jenkins.js';
import { netdataSource } from './netdata.js';
import { pagerdutySource } from './pagerduty.js';
import { createSourceRegistry, type SourceRegistry } from './registry.js';
import { splunkSource } from './splunk.js';

export * from './alertmanager.js';
export * from './cloudbees.js';
export * from './datadog.js';
export * from './dynatrace.js';
export * from './generic.js';
export * from './grafana.js';
export * from './jenkins.js';
export * from './netdata.js';
export * from './pagerduty.js';
export * from './registry.js';
export {
  DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
  type VerifySettings,
  verifyIntegrationAuth,
} from './shared/auth.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  type ParseBodyOptions,
  parseWebhookBody,
  utf8ByteLength,
} from './shared/body.js';
export {
  defineSource,
  makeAlert,
  type SourceDefinition,
  type SourceParseContext,
} from './shared/define-source.js';
export {
  COMMON_SEVERITY_MAP,
  DEFAULT_ENVIRONMENT_LABELS,
  type MappingDefaults,
  type ResolvedMapping,
  SourceOptions,
} from './shared/mapping.js';
export * from './splunk.js';

/** Ids of the built-in sources, in the order {@link builtInSources} returns them. */
export const BUILT_IN_SOURCE_IDS = [
  'grafana',
  'pagerduty',
  'datadog',
  'netdata',
  'dynatrace',
  'splunk',
  'jenkins',
  'cloudbees',
  'alertmanager',
  'generic',
] as const;
/** A built-in source id. */
export type BuiltInSourceId = (typeof BUILT_IN_SOURCE_IDS)[number];

/** Every built-in source with its documented default mapping. */
export function builtInSources(): AlertSource[] {
  return [
    grafanaSource(),
    pagerdutySource(),
    datadogSource(),
    netdataSource(),
    dynatraceSource(),
    splunkSource(),
    jenkinsSource(),
    cloudbeesSource(),
    alertmanagerSource(),
    genericSource(),
  ];
}

/** A registry of the built-in sources. */
export function builtInSourceRegistry(): SourceRegistry {
  return createSourceRegistry(builtInSources());
}
