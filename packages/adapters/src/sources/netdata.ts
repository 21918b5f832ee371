import type { AlertInput, AlertSource, AlertStatus } from '@aurora-rca/core';
import { hmacSha256 } from './shared/crypto.js';
import { defineSource, makeAlert, type SourceParseContext } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { firstStr, isRecord, pickLabel, str } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, lookupSeverity, type SourceOptions } from './shared/mapping.js';
import { toIso } from './shared/time.js';

/** Fields tried for the service: the chart, its context, the component. */
export const NETDATA_SERVICE_LABELS: readonly string[] = ['service', 'chart', 'context', 'component'];

/** Options of {@link netdataSource}. */
export type NetdataSourceOptions = SourceOptions;

const FIRING_STATES = new Set(['warning', 'critical']);

function labelsOf(obj: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = str(obj[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** One entry of the agent's `/api/v1/alarm_log` (or an `alarm-notify.sh`-style JSON export). */
function parseAgentEntry(
  e: Record<string, unknown>,
  i: number,
  ctx: SourceParseContext,
  raw: unknown,
): AlertInput {
  const name = str(e.name);
  if (name === undefined) throw invalidInput(ctx.source, `[${i}].name`);
  const host = str(e.hostname) ?? 'unknown-host';
  const state = str(e.status)?.toLowerCase();
  if (state === undefined) throw invalidInput(ctx.source, `[${i}].status`);
  const status: AlertStatus = FIRING_STATES.has(state) ? 'firing' : 'resolved';
  // A CLEAR transition keeps the severity the alarm had, so the resolve reads like its alert.
  const severityWord = status === 'firing' ? state : str(e.old_status)?.toLowerCase();
  const labels = labelsOf(e, ['hostname', 'name', 'chart', 'context', 'class', 'component', 'type', 'units']);
  if (str(e.value_string)) labels.value = str(e.value_string)!;
  labels.status = state.toUpperCase();
  const when = toIso(e.when);
  const alarmKey = str(e.alarm_id) ?? `${name}:${str(e.chart) ?? ''}`;
  return makeAlert(ctx, {
    sourceAlertId: str(e.unique_id) ?? null,
    fingerprint: `netdata:agent:${host}:${alarmKey}`,
    title: str(e.summary) ?? `${name} on ${str(e.chart) ?? host}`,
    description: str(e.info) ?? '',
    severity: lookupSeverity(severityWord, ctx.mapping) ?? ctx.mapping.defaultSeverity,
    status,
    service: pickLabel(labels, ctx.mapping.serviceLabels),
    environment: pickLabel(labels, ctx.mapping.environmentLabels),
    labels,
    startedAt: when ?? ctx.receivedAt,
    endedAt: status === 'resolved' ? (when ?? ctx.receivedAt) : null,
    url: null,
    kind: 'alert',
    raw,
  });
}

/** A Netdata Cloud webhook: alert, reachability or test notification. */
function parseCloud(body: Record<string, unknown>, ctx: SourceParseContext): AlertInput {
  const isTest = str(body.token) !== undefined;
  const severityWord = str(body.severity)?.toLowerCase();
  const date = toIso(body.date);
  if (isRecord(body.status) && 'reachable' in body.status) {
    const host = str(body.host);
    if (host === undefined) throw invalidInput(ctx.source, 'host');
    const reachable = body.status.reachable === true || str(body.status.text) === 'reachable';
    return makeAlert(ctx, {
      fingerprint: `netdata:reachability:${host}`,
      title: `${host} is ${reachable ? 'reachable' : 'unreachable'}`,
      description: str(body.message) ?? '',
      severity: reachable ? 'info' : (lookupSeverity(severityWord, ctx.mapping) ?? 'critical'),
      status: reachable ? 'resolved' : 'firing',
      service: host,
      labels: { host, reachability: reachable ? 'reachable' : 'unreachable' },
      startedAt: date ?? ctx.receivedAt,
      endedAt: reachable ? (date ?? ctx.receivedAt) : null,
      url: str(body.url) ?? null,
      test: isTest,
      raw: body,
    });
  }
  // Older docs name some fields alarm / alarm_url.
  const alert = firstStr(body, ['alert', 'alarm']) ?? (isTest ? str(body.message) : undefined);
  if (alert === undefined) throw invalidInput(ctx.source, 'alert');
  const status: AlertStatus = severityWord === 'clear' ? 'resolved' : 'firing';
  const labels = labelsOf(body, [
    'alert',
    'alarm',
    'chart',
    'context',
    'family',
    'class',
    'space',
    'node',
    'host',
  ]);
  if (isRecord(body.Rooms)) labels.rooms = Object.keys(body.Rooms).join(',');
  if (severityWord) labels.severity = severityWord;
  return makeAlert(ctx, {
    fingerprint: `netdata:cloud:${str(body.space) ?? ''}:${str(body.node) ?? str(body.host) ?? ''}:${str(body.chart) ?? ''}:${alert}`,
    title: alert,
    description: str(body.info) ?? str(body.message) ?? '',
    // A clear notification does not say what severity it clears.
    severity:
      status === 'resolved'
        ? 'info'
        : (lookupSeverity(severityWord, ctx.mapping) ?? ctx.mapping.defaultSeverity),
    status,
    service: pickLabel(labels, ctx.mapping.serviceLabels),
    environment: pickLabel(labels, ctx.mapping.environmentLabels),
    labels,
    startedAt: date ?? ctx.receivedAt,
    endedAt: status === 'resolved' ? (date ?? ctx.receivedAt) : null,
    url: firstStr(body, ['alert_url', 'alarm_url']) ?? null,
    test: isTest,
    raw: body,
  });
}

/**
 * Answers Netdata Cloud's (older) webhook challenge: on create/update Netdata sends
 * `GET <url>?crc_token=<random>`; reply 200 with this JSON within 5 s.
 *
 * @example
 * ```ts
 * return Response.json(await netdataChallengeResponse(secret, url.searchParams.get('crc_token')!));
 * ```
 */
export async function netdataChallengeResponse(
  challengeSecret: string,
  crcToken: string,
): Promise<{ response_token: string }> {
  const mac = await hmacSha256(challengeSecret, crcToken);
  return { response_token: `sha256=${btoa(String.fromCharCode(...mac))}` };
}

/**
 * Netdata: Netdata Cloud webhook notifications (alert, reachability and test payloads; a test
 * carries a `token` and is marked `test: true`) and agent health alarm-log entries
 * (`/api/v1/alarm_log` arrays, or one entry), keyed by host + alarm id.
 *
 * Severity: `critical` → critical, `warning` → medium; `clear` resolves. Auth: `bearer` or
 * `basic` (Netdata Cloud's options), or a custom `header`; Netdata's mutual TLS must be checked
 * where TLS terminates.
 */
export function netdataSource(options: NetdataSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'netdata',
      displayName: 'Netdata',
      authTypes: ['bearer', 'basic', 'header'],
      defaults: {
        severityMap: {},
        serviceLabels: NETDATA_SERVICE_LABELS,
        environmentLabels: DEFAULT_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (Array.isArray(body)) {
          return body.map((e, i) => {
            if (!isRecord(e)) throw invalidInput(ctx.source, `[${i}]`);
            return parseAgentEntry(e, i, ctx, [e]);
          });
        }
        if (!isRecord(body))
          throw invalidInput(ctx.source, '(body)', 'expected a JSON object or alarm-log array');
        if ('alarm_id' in body && 'hostname' in body) return [parseAgentEntry(body, 0, ctx, body)];
        return [parseCloud(body, ctx)];
      },
    },
    options,
  );
}
