import type { AlertInput, AlertSource } from '@aurora-rca/core';
import { parseBuildEvent } from './shared/build-event.js';
import { defineSource, makeAlert, type SourceParseContext } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { isRecord, stableHash, str } from './shared/fields.js';
import type { SourceOptions } from './shared/mapping.js';

/** Options of {@link cloudbeesSource}. */
export type CloudBeesSourceOptions = SourceOptions;

/** A CloudBees Feature Management webhook: a flag change in one application environment. */
function parseFeatureManagement(body: Record<string, unknown>, ctx: SourceParseContext): AlertInput {
  const flag = str(body.flag);
  if (flag === undefined) throw invalidInput(ctx.source, 'flag');
  const action = str(body.action);
  if (action === undefined) throw invalidInput(ctx.source, 'action');
  const app = str(body.applicationName);
  const env = str(body.environmentName);
  const user = isRecord(body.user) ? (str(body.user.name) ?? str(body.user.externalUserName)) : undefined;
  const labels: Record<string, string> = { flag, action };
  if (app !== undefined) labels.application = app;
  if (env !== undefined) labels.environment = env;
  if (user !== undefined) labels.changed_by = user;
  const targetGroup = str(body.targetGroup);
  if (targetGroup !== undefined) labels.target_group = targetGroup;
  const message = str(body.message);
  return makeAlert(ctx, {
    sourceAlertId: null,
    // FM payloads carry no id or time: the change itself is the identity, so a re-delivery
    // de-duplicates (an identical later change does too — a documented limit).
    fingerprint: `cloudbees:flag:${stableHash(`${app ?? ''}|${env ?? ''}|${flag}|${action}|${message ?? ''}`)}`,
    title: message ?? `${flag}: ${action}`,
    description: user ? `${action} by ${user}` : action,
    severity: 'info',
    // A flag change is complete when reported; it never stays open.
    status: 'resolved',
    service: app ?? null,
    environment: env ?? null,
    labels,
    startedAt: ctx.receivedAt,
    endedAt: ctx.receivedAt,
    url: isRecord(body.user) ? (str(body.user.externalUserUrl) ?? null) : null,
    kind: 'change',
    raw: body,
  });
}

/**
 * CloudBees: CloudBees CI build events (the Jenkins Notification / Outbound WebHook plugins,
 * mapped exactly like `jenkinsSource`: a `change`, plus an `alert` for a failed build) and
 * CloudBees Feature Management / Unify flag webhooks (`flag`, `action`, `applicationName`,
 * `environmentName`, `message`), which are `change`s on the application's service.
 *
 * Auth: `hmac` (`X-Aurora-Signature`, from a pipeline step), or the `bearer`/`basic`/`header`
 * token a CloudBees Unify notification sends ("authorization type and token").
 */
export function cloudbeesSource(options: CloudBeesSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'cloudbees',
      displayName: 'CloudBees',
      authTypes: ['hmac', 'bearer', 'basic', 'header'],
      defaults: {
        severityMap: {},
        serviceLabels: ['SERVICE', 'service', 'APP', 'app'],
        environmentLabels: ['ENVIRONMENT', 'environment', 'ENV', 'env', 'STAGE'],
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        if ('flag' in body) return [parseFeatureManagement(body, ctx)];
        if ('build' in body || 'projectName' in body) return parseBuildEvent(body, ctx, body);
        throw invalidInput(ctx.source, 'flag', 'expected a Feature Management `flag` or a CI `build`');
      },
    },
    options,
  );
}
