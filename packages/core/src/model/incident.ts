import { z } from 'zod';
import { Severity, Timestamp } from './common.js';
import { AuroraStatus, IncidentStatus } from './lifecycle.js';

export const Confidence = z.enum(['confirmed', 'likely', 'inconclusive']);
/** How sure the investigation is. `inconclusive` is a valid, honest answer. */
export type Confidence = z.infer<typeof Confidence>;

export const Incident = z.object({
  id: z.string(),
  tenantId: z.string(),
  title: z.string(),
  description: z.string().default(''),
  severity: Severity,
  status: IncidentStatus,
  auroraStatus: AuroraStatus,
  /** Why the investigation failed or was cancelled, shown to people. */
  auroraStatusReason: z.string().nullable().default(null),
  summary: z.string().nullable().default(null),
  rootCause: z.string().nullable().default(null),
  confidence: Confidence.nullable().default(null),
  ruledOut: z.array(z.string()).default([]),
  notChecked: z.array(z.string()).default([]),
  /** Blast radius: every service with an alert in this incident. */
  affectedServices: z.array(z.string()).default([]),
  environment: z.string().nullable().default(null),
  alertCount: z.number().int().default(0),
  /** Alerts still firing; 0 with alertCount > 0 means every alert resolved. */
  openAlertCount: z.number().int().default(0),
  mergedIntoId: z.string().nullable().default(null),
  /** `alert` when opened by a webhook, `manual` when opened from free text. */
  origin: z.enum(['alert', 'manual']).default('alert'),
  /** Opened by a vendor test notification. */
  test: z.boolean().default(false),
  startedAt: Timestamp,
  /** Time of the last *alert* (not the last update): the correlation window runs from here. */
  lastAlertAt: Timestamp,
  analyzedAt: Timestamp.nullable().default(null),
  resolvedAt: Timestamp.nullable().default(null),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Optimistic-concurrency version, incremented by every update. */
  version: z.number().int().default(1),
});
export type Incident = z.infer<typeof Incident>;
export type IncidentInput = z.input<typeof Incident>;

/** Fields an update may change. `version` and ids are managed by storage. */
export type IncidentPatch = Partial<
  Omit<Incident, 'id' | 'tenantId' | 'createdAt' | 'version' | 'updatedAt'>
>;
