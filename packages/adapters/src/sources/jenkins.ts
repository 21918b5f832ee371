import type { AlertSource } from '@aurora-rca/core';
import { parseBuildEvent } from './shared/build-event.js';
import { defineSource } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { isRecord } from './shared/fields.js';
import type { SourceOptions } from './shared/mapping.js';

/** Build parameter names tried for the service before the job name. */
export const JENKINS_SERVICE_LABELS: readonly string[] = ['SERVICE', 'service', 'APP', 'app'];
/** Build parameter names tried for the environment. */
export const JENKINS_ENVIRONMENT_LABELS: readonly string[] = [
  'ENVIRONMENT',
  'environment',
  'ENV',
  'env',
  'STAGE',
];

/** Options of {@link jenkinsSource}. */
export type JenkinsSourceOptions = SourceOptions;

/**
 * Jenkins build events from the Notification plugin (`name`, `build.number`, `build.phase`,
 * `build.status`, `build.scm`) or the Outbound WebHook plugin (`projectName`, `buildName`,
 * `event`). Every event is a `change` (kind `change`, keyed by job + build number, firing while
 * running, resolved when finished); a `FAILURE` also raises an `alert` (severity `high`).
 *
 * Auth: `hmac` over the body in `X-Aurora-Signature` (hex, optional `sha256=`), which a
 * pipeline step can compute; or `basic` (`https://user:pass@host/...` in the plugin's URL, which
 * it turns into an Authorization header), `bearer` or a custom `header`.
 */
export function jenkinsSource(options: JenkinsSourceOptions = {}): AlertSource {
  return defineSource(
    {
      id: 'jenkins',
      displayName: 'Jenkins',
      authTypes: ['hmac', 'basic', 'bearer', 'header'],
      defaults: {
        severityMap: {},
        serviceLabels: JENKINS_SERVICE_LABELS,
        environmentLabels: JENKINS_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object');
        return parseBuildEvent(body, ctx, body);
      },
    },
    options,
  );
}
