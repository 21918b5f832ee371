import { z } from 'zod';
import { Severity, Timestamp } from './common.js';

export const AlertStatus = z.enum(['firing', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** `change` is a deploy/build event (Jenkins, CloudBees); a failed deploy is also emitted as an `alert`. */
export const AlertKind = z.enum(['alert', 'change']);
export type AlertKind = z.infer<typeof AlertKind>;

/**
 * A normalized alert as produced by an {@link AlertSource}'s `parse`. Not yet stored.
 * `fingerprint` is the stable dedup key: the source's own key where it has one.
 */
export const Alert = z.object({
  source: z.string().min(1),
  sourceAlertId: z.string().nullable().default(null),
  fingerprint: z.string().min(1),
  title: z.string(),
  description: z.string().default(''),
  severity: Severity,
  status: AlertStatus,
  service: z.string().nullable().default(null),
  environment: z.string().nullable().default(null),
  labels: z.record(z.string(), z.string()).default({}),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable().default(null),
  url: z.string().nullable().default(null),
  kind: AlertKind.default('alert'),
  /** A vendor test notification: recorded, never investigated by default. */
  test: z.boolean().default(false),
  /** The original payload, kept as received. */
  raw: z.unknown(),
});
export type Alert = z.infer<typeof Alert>;
/** What a source builds: defaults may be omitted. */
export type AlertInput = z.input<typeof Alert>;

export const CorrelationStrategyName = z.enum(['service', 'topology', 'time', 'similarity', 'change', 'new', 'manual', 'merge', 'dedup']);
export type CorrelationStrategyName = z.infer<typeof CorrelationStrategyName>;

/** Why an alert joined (or opened) its incident. */
export const Correlation = z.object({
  /** The strategy that contributed most, `new` when the alert opened the incident. */
  strategy: CorrelationStrategyName,
  /** Combined score 0..1. */
  score: z.number(),
  /** Per-strategy score and explanation. */
  details: z.record(z.string(), z.object({ score: z.number(), reason: z.string() })).default({}),
  /** True when recorded in shadow mode (decision not applied). */
  shadow: z.boolean().default(false),
  /** In shadow mode: the incident the correlator would have chosen. */
  wouldJoinIncidentId: z.string().nullable().default(null),
});
export type Correlation = z.infer<typeof Correlation>;

/**
 * An alert as stored: the normalized alert plus its tenant, integration and (once attached)
 * its incident and correlation. `active` is false once its incident is resolved, so a
 * later alert with the same fingerprint starts afresh.
 */
export const StoredAlert = Alert.extend({
  id: z.string(),
  tenantId: z.string(),
  integrationId: z.string().nullable().default(null),
  incidentId: z.string().nullable().default(null),
  correlation: Correlation.nullable().default(null),
  active: z.boolean().default(true),
  receivedAt: Timestamp,
  updatedAt: Timestamp,
  /** How many times the same fingerprint was delivered (re-deliveries, repeats). */
  occurrences: z.number().int().default(1),
});
export type StoredAlert = z.infer<typeof StoredAlert>;

/** An alert attached to an incident, with the correlation that put it there. */
export type IncidentAlert = StoredAlert & { incidentId: string; correlation: Correlation };
