import { AuroraError } from '../errors.js';
import type { AlertInput, Severity } from '../model/index.js';

/**
 * How an integration authenticates its webhooks. Every source verifies, failing closed;
 * `none` is refused unless the integration is marked `insecure` (local development).
 */
export type IntegrationAuth =
  /** HMAC-SHA256 of the raw body (hex, optional `sha256=` prefix). With `timestampHeader`, signs `timestamp + ":" + body`. */
  | { type: 'hmac'; secret: string; header?: string; timestampHeader?: string; toleranceSeconds?: number }
  /** PagerDuty V3 `X-PagerDuty-Signature: v1=…,v1=…`; several secrets during rotation. */
  | { type: 'pagerduty'; secrets: string[] }
  /** Splunk Observability `X-SFX-Signature`. */
  | { type: 'sfx'; secret: string }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  /** A custom header carrying a shared token (e.g. `X-Aurora-Token`). */
  | { type: 'header'; name: string; value: string }
  | { type: 'none' };

/** Per-integration overrides of a source's default mapping. */
export interface SourceMappingOptions {
  /** Vendor severity (lower-cased) → normalized severity. Merged over the source's defaults. */
  severityMap?: Record<string, Severity>;
  /** Label names tried, in order, for the service. Replaces the source's defaults. */
  serviceLabels?: string[];
  /** Label names tried, in order, for the environment. */
  environmentLabels?: string[];
  /** Source-specific options (e.g. generic field paths). */
  [key: string]: unknown;
}

/** A configured webhook endpoint: `POST /api/webhooks/:source/:integrationId`. */
export interface Integration {
  id: string;
  tenantId: string;
  /** Source id (`grafana`, `pagerduty`, …). */
  source: string;
  auth: IntegrationAuth;
  /** Accept unauthenticated requests. Only for local development. @default false */
  insecure?: boolean;
  mapping?: SourceMappingOptions;
  /** Investigate vendor test notifications too. @default false */
  investigateTestAlerts?: boolean;
}

/** The parts of an HTTP request a source needs to verify it. */
export interface WebhookRequest {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body exactly as received. Signatures are computed over it. */
  rawBody: string;
  /** Request time in epoch ms (for timestamp tolerance). */
  now: number;
}

export interface ParseContext {
  headers: Record<string, string>;
  /** Used where the payload has no start time. ISO-8601. */
  receivedAt: string;
  mapping?: SourceMappingOptions;
}

/**
 * Alert source contract, version 1. One webhook body may carry many alerts.
 *
 * - `verify` throws `AuroraError('UNAUTHENTICATED')` on any failure; it must use
 *   constant-time comparisons.
 * - `parse` throws `AuroraError('INVALID_INPUT')` naming the source and the missing field;
 *   it never throws anything else, whatever the input.
 */
export interface AlertSourceV1 {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly displayName: string;
  /** Auth types this source supports, first is recommended. */
  readonly authTypes: readonly IntegrationAuth['type'][];
  verify(request: WebhookRequest, integration: Integration): Promise<void>;
  parse(body: unknown, context: ParseContext): AlertInput[];
}
export type AlertSource = AlertSourceV1;

/** @throws AuroraError `UNSUPPORTED_VERSION` */
export function resolveAlertSource(source: { specificationVersion?: string; id?: string }): AlertSource {
  if (source?.specificationVersion !== 'v1') {
    throw new AuroraError(
      'UNSUPPORTED_VERSION',
      `Alert source ${String(source?.id)} has specificationVersion ${String(source?.specificationVersion)} (expected v1)`,
    );
  }
  return source as AlertSource;
}
