import type { AlertSource, AlertStatus, Severity } from '@aurora-rca/core';
import { defineSource, makeAlert } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { firstStr, isRecord, parseTags, pickLabel, stableHash, str } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, lookupSeverity, type SourceOptions } from './shared/mapping.js';
import { toIso } from './shared/time.js';

/** Tag names tried for the service (Datadog unified service tagging first). */
export const DATADOG_SERVICE_LABELS: readonly string[] = ['service', 'app', 'application', 'role'];

/** Options of {@link datadogSource}. */
export type DatadogSourceOptions = SourceOptions;

// Keys are what people name the `$VARIABLES` in custom templates; the default template's keys come first.
const TITLE_KEYS = ['title', 'event_title', 'alert_title'];
const TRANSITION_KEYS = ['alert_transition', 'alerttransition', 'transition'];
const PRIORITY_KEYS = ['alert_priority', 'priority'];
const TYPE_KEYS = ['alert_type', 'alerttype'];
const TAG_KEYS = ['tags', 'event_tags', 'alert_tags'];
const CYCLE_KEYS = ['alert_cycle_key', 'aggreg_key', 'aggregation_key'];
const MONITOR_KEYS = ['alert_id', 'alertid', 'monitor_id'];
const SCOPE_KEYS = ['alert_scope', 'scope'];

/** `[P1] [Triggered on {host:a}] Name` → its parts. Only Datadog's own transition words are stripped. */
const TITLE_PREFIX =
  /^\s*(?:\[(P[1-5])\]\s*)?(?:\[(TEST)\]\s*)?(?:\[(P[1-5])\]\s*)?(?:\[((?:Re-)?(?:Triggered|Warn|No Data)|Recovered|Resolved|Renotify|OK)(?: on \{([^}]*)\})?\]\s*)?/i;

const RESOLVED_TRANSITIONS = new Set(['recovered', 'resolved', 'ok', 'success']);
const TYPE_SEVERITY: Record<string, Severity> = {
  error: 'high',
  warning: 'medium',
  info: 'info',
  success: 'info',
};

/** An unrendered `$VARIABLE`: the template was posted as-is (e.g. copied from the docs). */
function unrendered(value: string | undefined): boolean {
  return value !== undefined && /^\$[A-Z_]+$/.test(value);
}

function parsePrefix(title: string) {
  const m = TITLE_PREFIX.exec(title);
  return {
    priority: m?.[1] ?? m?.[3],
    test: m?.[2] !== undefined,
    transition: m?.[4]?.trim(),
    scope: m?.[5]?.trim(),
    name: title.slice(m?.[0].length ?? 0).trim() || title.trim(),
  };
}

/**
 * Datadog Webhooks integration. The payload is a user template, so fields are read by the
 * meaning of the `$VARIABLE` behind them: the default template (`title`, `body`, `date`,
 * `last_updated`, `id`, …) and common custom keys (`alert_transition`, `alert_priority`,
 * `alert_type`, `tags`, `alert_id`, `alert_scope`, `alert_cycle_key`, `link`).
 *
 * - status: `$ALERT_TRANSITION`, else the `[Triggered…]`/`[Recovered…]` title prefix.
 * - severity: `$ALERT_PRIORITY` (P1…P5), else `$ALERT_TYPE`, else `Warn` → medium.
 * - fingerprint: `$ALERT_CYCLE_KEY`/`$AGGREG_KEY`, else monitor id (`$ALERT_ID`, or `monitors#<id>`
 *   in the body) + scope, else a hash of monitor name + scope. `$ID` is per notification and is
 *   never used.
 * - `[TEST]` titles (the monitor "Test Notifications" button) are marked `test: true`.
 * - An unrendered template (`"title": "$EVENT_TITLE"`) is rejected as `INVALID_INPUT`.
 *
 * Datadog cannot sign webhooks: put a token in a custom header (`header` auth, value in a
 * hidden custom variable) or use `basic`/`bearer`.
 */
export function datadogSource(options: DatadogSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'datadog',
      displayName: 'Datadog',
      authTypes: ['header', 'bearer', 'basic'],
      defaults: {
        severityMap: {},
        serviceLabels: DATADOG_SERVICE_LABELS,
        environmentLabels: DEFAULT_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        const rawTitle = firstStr(body, TITLE_KEYS);
        if (rawTitle === undefined) throw invalidInput(ctx.source, 'title');
        if (unrendered(rawTitle)) {
          throw invalidInput(
            ctx.source,
            'title',
            `field \`title\` is the unrendered template variable ${rawTitle}`,
          );
        }
        const prefix = parsePrefix(rawTitle);
        const transition = firstStr(body, TRANSITION_KEYS) ?? prefix.transition;
        const status: AlertStatus =
          transition && RESOLVED_TRANSITIONS.has(transition.toLowerCase()) ? 'resolved' : 'firing';

        const tagValue = TAG_KEYS.map((k) => body[k]).find((v) => v !== undefined && v !== null);
        const labels = parseTags(tagValue);
        const text = str(body.body) ?? str(body.event_msg) ?? '';
        const monitorId = firstStr(body, MONITOR_KEYS) ?? /monitors#(\d+)/.exec(text)?.[1];
        const scope = firstStr(body, SCOPE_KEYS) ?? prefix.scope;
        const cycle = firstStr(body, CYCLE_KEYS);
        const key =
          cycle !== undefined
            ? `cycle:${cycle}`
            : monitorId !== undefined
              ? `monitor:${monitorId}:${scope ?? '*'}`
              : `name:${stableHash(`${prefix.name}|${scope ?? ''}`)}`;

        const priority = firstStr(body, PRIORITY_KEYS) ?? prefix.priority;
        const type = firstStr(body, TYPE_KEYS)?.toLowerCase();
        const severity =
          lookupSeverity(priority, ctx.mapping) ??
          (type && !unrendered(type)
            ? (lookupSeverity(type, ctx.mapping) ?? TYPE_SEVERITY[type])
            : undefined) ??
          (transition?.toLowerCase() === 'warn' ? 'medium' : ctx.mapping.defaultSeverity);

        const url =
          firstStr(body, ['link', 'alert_url', 'url', 'event_url']) ??
          /(https?:\/\/[^\s)\]]+\/monitors#\d+)/.exec(text)?.[1];
        const date = toIso(body.date) ?? toIso(body.last_updated);
        const service = pickLabel(labels, ctx.mapping.serviceLabels) ?? str(body.hostname) ?? null;
        return [
          makeAlert(ctx, {
            sourceAlertId: monitorId ?? cycle ?? null,
            fingerprint: `datadog:${key}`,
            title: prefix.name,
            description: text.replace(/^%%%\s*/, '').replace(/\s*%%%$/, ''),
            severity,
            status,
            service,
            environment: pickLabel(labels, ctx.mapping.environmentLabels),
            labels,
            startedAt: date ?? ctx.receivedAt,
            endedAt: status === 'resolved' ? (date ?? ctx.receivedAt) : null,
            url: url ?? null,
            kind: 'alert',
            test: prefix.test,
            raw: body,
          }),
        ];
      },
    },
    options,
  );
}
