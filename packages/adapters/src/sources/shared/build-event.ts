import type { AlertInput, Severity } from '@aurora-rca/core';
import { makeAlert, type SourceParseContext } from './define-source.js';
import { invalidInput } from './errors.js';
import { firstStr, isRecord, labelValue, pickLabel, str } from './fields.js';
import { lookupSeverity } from './mapping.js';
import { toIso } from './time.js';

/** Build results that also raise an alert (besides the change), with their default severity. */
export const FAILED_BUILD_SEVERITY: Readonly<Record<string, Severity>> = { failure: 'high', failed: 'high' };

const FINISHED_PHASES = new Set(['completed', 'finalized', 'finished']);
const OUTBOUND_FINISHED = new Set([
  'success',
  'failure',
  'failed',
  'unstable',
  'aborted',
  'finished',
  'completed',
]);

const WORDS: Record<string, string> = {
  success: 'succeeded',
  failure: 'failed',
  failed: 'failed',
  unstable: 'is unstable',
  aborted: 'was aborted',
  not_built: 'was not built',
};

/** Build parameters as labels (Notification plugin `build.parameters`, object or `[{name,value}]`). */
function parameters(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const p of value) {
      if (isRecord(p) && str(p.name) !== undefined) {
        const v = labelValue(p.value);
        if (v !== undefined) out[str(p.name)!] = v;
      }
    }
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const s = labelValue(v);
      if (s !== undefined) out[k] = s;
    }
  }
  return out;
}

interface BuildFacts {
  job: string;
  number: string;
  finished: boolean;
  result: string | undefined;
  key: string;
  url: string | null;
  startedAt: string | null;
  labels: Record<string, string>;
  description: string;
}

function notificationPlugin(body: Record<string, unknown>, ctx: SourceParseContext): BuildFacts {
  const job = firstStr(body, ['display_name', 'name', 'fullName']);
  if (job === undefined) throw invalidInput(ctx.source, 'name');
  const build = isRecord(body.build) ? body.build : undefined;
  if (!build) throw invalidInput(ctx.source, 'build');
  const number = str(build.number);
  if (number === undefined) throw invalidInput(ctx.source, 'build.number');
  const phase = str(build.phase)?.toLowerCase() ?? '';
  const result = str(build.status)?.toLowerCase();
  const scm = isRecord(build.scm) ? build.scm : {};
  const labels: Record<string, string> = { ...parameters(build.parameters), job, build_number: number };
  if (phase) labels.phase = phase.toUpperCase();
  if (result) labels.result = result.toUpperCase();
  for (const [k, v] of [
    ['scm_url', scm.url],
    ['scm_branch', scm.branch],
    ['scm_commit', scm.commit],
  ] as const) {
    const s = str(v);
    if (s !== undefined) labels[k] = s;
  }
  const commit = str(scm.commit);
  return {
    job,
    number,
    finished: FINISHED_PHASES.has(phase),
    result,
    // The job's own name (not display_name) keys the build, so renaming the display keeps dedup.
    key: `${str(body.name) ?? job}#${number}`,
    url: str(build.full_url) ?? null,
    startedAt: toIso(build.timestamp),
    labels,
    description: [str(scm.branch), commit && `@ ${commit.slice(0, 12)}`].filter(Boolean).join(' '),
  };
}

/** Outbound WebHook plugin: `{ projectName, buildName, buildUrl, event }`. */
function outboundWebhook(body: Record<string, unknown>, ctx: SourceParseContext): BuildFacts {
  const job = str(body.projectName);
  if (job === undefined) throw invalidInput(ctx.source, 'projectName');
  const number = (str(body.buildName) ?? str(body.buildNumber) ?? '').replace(/^#/, '');
  const event = str(body.event)?.toLowerCase() ?? '';
  if (event === '') throw invalidInput(ctx.source, 'event');
  const finished = OUTBOUND_FINISHED.has(event);
  const url = str(body.buildUrl) ?? null;
  return {
    job,
    number,
    finished,
    result: finished && event !== 'finished' && event !== 'completed' ? event : undefined,
    key: url ?? `${job}#${number}`,
    url,
    startedAt: null,
    labels: { job, build_number: number, event },
    description: '',
  };
}

/**
 * Maps a Jenkins build event (Notification plugin, also in CloudBees CI; or Outbound WebHook
 * plugin) to a `change` — firing while the build runs, resolved once it finishes — plus, for
 * a failed build, an `alert` with its own fingerprint (`…:failed`).
 */
export function parseBuildEvent(
  body: Record<string, unknown>,
  ctx: SourceParseContext,
  raw: unknown,
): AlertInput[] {
  const facts =
    'projectName' in body && !('build' in body) ? outboundWebhook(body, ctx) : notificationPlugin(body, ctx);
  const service = pickLabel(facts.labels, ctx.mapping.serviceLabels) ?? facts.job;
  const environment = pickLabel(facts.labels, ctx.mapping.environmentLabels);
  const name = facts.number ? `${facts.job} #${facts.number}` : facts.job;
  const outcome = facts.finished
    ? facts.result
      ? (WORDS[facts.result] ?? facts.result)
      : 'finished'
    : 'started';
  const startedAt = facts.startedAt ?? ctx.receivedAt;
  const base = {
    sourceAlertId: facts.key,
    service,
    environment,
    labels: facts.labels,
    startedAt,
    url: facts.url,
    raw,
  };
  const out: AlertInput[] = [
    makeAlert(ctx, {
      ...base,
      fingerprint: `${ctx.source}:build:${facts.key}`,
      title: `${name} ${outcome}`,
      description: facts.description,
      severity: 'info',
      status: facts.finished ? 'resolved' : 'firing',
      endedAt: facts.finished ? ctx.receivedAt : null,
      kind: 'change',
    }),
  ];
  // A result raises an alert when the defaults or the integration's severityMap rate it
  // (e.g. `{ unstable: 'medium' }` makes unstable builds alert too).
  const failSeverity =
    facts.finished && facts.result
      ? (lookupSeverity(facts.result, ctx.mapping) ?? FAILED_BUILD_SEVERITY[facts.result])
      : undefined;
  if (failSeverity) {
    out.push(
      makeAlert(ctx, {
        ...base,
        fingerprint: `${ctx.source}:build:${facts.key}:failed`,
        title: `${name} failed`,
        description: facts.description,
        severity: failSeverity,
        status: 'firing',
        endedAt: null,
        kind: 'alert',
      }),
    );
  }
  return out;
}
