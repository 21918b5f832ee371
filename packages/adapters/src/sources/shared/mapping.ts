import { Severity, type SourceMappingOptions } from '@aurora-rca/core';
import { z } from 'zod';
import { invalidInput } from './errors.js';

/**
 * Severity words most tools share (Alertmanager/Prometheus conventions, syslog levels,
 * PagerDuty `P1`…`P5`). Keys are lower-case. A source's own defaults are merged over these.
 */
export const COMMON_SEVERITY_MAP: Readonly<Record<string, Severity>> = {
  emergency: 'critical',
  emerg: 'critical',
  alert: 'critical',
  fatal: 'critical',
  disaster: 'critical',
  page: 'critical',
  critical: 'critical',
  crit: 'critical',
  p1: 'critical',
  sev1: 'critical',
  high: 'high',
  major: 'high',
  error: 'high',
  err: 'high',
  p2: 'high',
  sev2: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  warn: 'medium',
  average: 'medium',
  p3: 'medium',
  sev3: 'medium',
  low: 'low',
  minor: 'low',
  notice: 'low',
  p4: 'low',
  sev4: 'low',
  info: 'info',
  informational: 'info',
  information: 'info',
  debug: 'info',
  none: 'info',
  ok: 'info',
  p5: 'info',
  sev5: 'info',
};

/** Options every built-in source factory accepts. Per-integration `mapping` overrides them. */
export const SourceOptions = z.strictObject({
  /** Vendor severity (lower-cased) → normalized severity, merged over the source's defaults. */
  severityMap: z.record(z.string(), Severity).optional(),
  /** Label names tried, in order, for the service. Replaces the source's defaults. */
  serviceLabels: z.array(z.string().min(1)).optional(),
  /** Label names tried, in order, for the environment. Replaces the source's defaults. */
  environmentLabels: z.array(z.string().min(1)).optional(),
  /** Severity when the payload carries none the map knows. @default 'unknown' */
  defaultSeverity: Severity.optional(),
});
/** Options every built-in source factory accepts. */
export type SourceOptions = z.infer<typeof SourceOptions>;

/** `ctx.mapping` comes from stored integration config: read leniently, reject only wrong types. */
const MappingInput = z.looseObject({
  severityMap: z.record(z.string(), Severity).optional(),
  serviceLabels: z.array(z.string()).optional(),
  environmentLabels: z.array(z.string()).optional(),
  defaultSeverity: Severity.optional(),
});

/** A source's documented defaults. */
export interface MappingDefaults {
  severityMap: Readonly<Record<string, Severity>>;
  serviceLabels: readonly string[];
  environmentLabels: readonly string[];
}

/** The mapping a parse runs with: defaults ← factory options ← integration mapping. */
export interface ResolvedMapping {
  severityMap: Record<string, Severity>;
  serviceLabels: readonly string[];
  environmentLabels: readonly string[];
  defaultSeverity: Severity;
  /** The integration's mapping as given, for source-specific keys (e.g. generic `paths`). */
  extra: SourceMappingOptions;
}

function lowerKeys(map: Record<string, Severity> | undefined): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const [k, v] of Object.entries(map ?? {})) out[k.trim().toLowerCase()] = v;
  return out;
}

/** Merges defaults, factory options and the integration's mapping. @throws AuroraError `INVALID_INPUT` */
export function resolveMapping(
  source: string,
  defaults: MappingDefaults,
  options: SourceOptions,
  mapping: SourceMappingOptions | undefined,
): ResolvedMapping {
  const parsed = MappingInput.safeParse(mapping ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    throw invalidInput(
      source,
      `mapping.${path}`,
      `integration mapping option \`mapping.${path}\` has the wrong type`,
    );
  }
  const m = parsed.data;
  return {
    severityMap: {
      ...COMMON_SEVERITY_MAP,
      ...lowerKeys({ ...defaults.severityMap }),
      ...lowerKeys(options.severityMap),
      ...lowerKeys(m.severityMap),
    },
    serviceLabels: m.serviceLabels ?? options.serviceLabels ?? defaults.serviceLabels,
    environmentLabels: m.environmentLabels ?? options.environmentLabels ?? defaults.environmentLabels,
    defaultSeverity: m.defaultSeverity ?? options.defaultSeverity ?? 'unknown',
    extra: (mapping ?? {}) as SourceMappingOptions,
  };
}

/** Maps a vendor severity word through the resolved map; unknown words give the default severity. */
export function mapSeverity(value: string | undefined | null, mapping: ResolvedMapping): Severity {
  if (value === undefined || value === null) return mapping.defaultSeverity;
  return mapping.severityMap[value.trim().toLowerCase()] ?? mapping.defaultSeverity;
}

/** Environment label names most sources share. */
export const DEFAULT_ENVIRONMENT_LABELS: readonly string[] = [
  'environment',
  'env',
  'deployment_environment',
  'deployment.environment',
  'stage',
];

/** The mapped severity of a vendor word, or `undefined` when absent or not in the map. */
export function lookupSeverity(
  value: string | undefined | null,
  mapping: ResolvedMapping,
): Severity | undefined {
  if (value === undefined || value === null) return undefined;
  return mapping.severityMap[value.trim().toLowerCase()];
}
