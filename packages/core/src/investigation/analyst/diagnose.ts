import type { InvestigationResult, SuggestionProposal } from '../result.js';
import { type AlertFacts, type Conversation, type Evidence, findEvidence } from './evidence.js';
import { choosePod, findTarget, parsePods } from './kubernetes.js';
import { manifestSource, metricsTool, REFUSED } from './plan.js';

/** A deploy that started at most this long before the first alert counts as "just before". */
export const DEPLOY_WINDOW_MS = 30 * 60 * 1000;

type Finding = { rootCause: string; confidence: InvestigationResult['confidence']; keys: string[] };

const cite = (...keys: (string | undefined)[]) => {
  const ok = [...new Set(keys.filter((k): k is string => Boolean(k)))];
  return ok.length > 0 ? ` [${ok.join(', ')}]` : '';
};

function recentDeploy(conv: Conversation): AlertFacts | null {
  const first = conv.alerts
    .map((a) => Date.parse(a.startedAt))
    .filter(Number.isFinite)
    .sort((a, b) => a - b)[0];
  if (first === undefined) return null;
  const before = conv.changes
    .filter((c) => {
      const t = Date.parse(c.startedAt);
      return Number.isFinite(t) && t <= first + 60_000 && first - t <= DEPLOY_WINDOW_MS;
    })
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return before[0] ?? null;
}

const FATAL = /^.*(?:\bpanic:|\bFATAL\b|\bFatal\b|fatal error|Traceback|Exception\b|Error:|\bERROR\b).*$/m;

/**
 * Conclude from the evidence, most specific cause first. `confirmed` only when an output
 * states the cause (OOMKilled, image not found, FailedScheduling, missing secret); `likely`
 * when it is inferred (crash loop + refused connection, failing probe, deploy + errors);
 * `inconclusive` otherwise.
 */
export function diagnose(conv: Conversation): { text: string; result: InvestigationResult } {
  const t = findTarget(conv.alerts);
  const ev = conv.evidence;
  const podsEv = findEvidence(ev, /NAME\s+READY\s+STATUS/);
  const pod = podsEv ? choosePod(parsePods(podsEv.evidence.output), t) : null;
  const who = t.workload ?? t.service ?? 'the service';
  const deploy = recentDeploy(conv);
  const rollout = findEvidence(ev, /REVISION\s+CHANGE-CAUSE/);
  const deployNote = deploy
    ? ` It started shortly after the deploy "${deploy.title}" at ${deploy.startedAt}.`
    : '';
  const ruledOut: string[] = [];
  const f = (pattern: RegExp) => findEvidence(ev, pattern);

  let finding: Finding | null = null;
  const image =
    f(
      /Failed to pull image "([^"]+)"[^\n]*?(not found|manifest unknown|unauthorized|denied|no such host)[^\n]*/i,
    ) ?? f(/(ErrImagePull|ImagePullBackOff)/);
  const oom = f(/Reason:\s+OOMKilled|OOMKilled/);
  const sched = f(/FailedScheduling[^\n]*|(\d+\/\d+ nodes are available:[^\n]*)/);
  const config = f(/(secret|configmap) "([^"]+)" not found/i) ?? f(/CreateContainerConfigError/);
  const probe = f(/(Liveness|Readiness|Startup) probe failed:?([^\n]*)/);
  const refused = f(REFUSED);
  const crash = f(/CrashLoopBackOff|Back-off restarting failed container/);

  if (image) {
    const img =
      image.match[1] && image.match[2]
        ? `image "${image.match[1]}" cannot be pulled (${image.match[2]})`
        : 'its image cannot be pulled';
    finding = {
      rootCause: `Pods of ${who} cannot start: ${img}${cite(image.evidence.key, podsEv?.evidence.key)}.${deployNote}`,
      confidence: image.match[2] ? 'confirmed' : 'likely',
      keys: [image.evidence.key],
    };
  } else if (oom) {
    const limit = /Limits:\s*\n(?:\s+cpu:[^\n]*\n)?\s+memory:\s+(\S+)/.exec(oom.evidence.output)?.[1];
    finding = {
      rootCause: `The ${who} container is killed for exceeding its memory limit${limit ? ` of ${limit}` : ''} (OOMKilled)${cite(oom.evidence.key, podsEv?.evidence.key)}, so it restarts in a loop.${deployNote}`,
      confidence: 'confirmed',
      keys: [oom.evidence.key],
    };
  } else if (sched) {
    const msg = (sched.match[2] ?? sched.match[0])
      .replace(/^.*?FailedScheduling\s+(?:pod\/\S+\s+)?/, '')
      .trim()
      .replace(/\.$/, '');
    finding = {
      rootCause: `Pods of ${who} stay Pending because the scheduler cannot place them: ${msg}${cite(sched.evidence.key)}.`,
      confidence: 'confirmed',
      keys: [sched.evidence.key],
    };
  } else if (config) {
    const what = config.match[1]
      ? `${config.match[1]} "${config.match[2]}" does not exist`
      : 'its configuration cannot be loaded';
    finding = {
      rootCause: `Containers of ${who} cannot be created: ${what}${cite(config.evidence.key)}.${deployNote}`,
      confidence: config.match[1] ? 'confirmed' : 'likely',
      keys: [config.evidence.key],
    };
  } else if (refused) {
    const host = refused.match[1] ?? refused.match[3];
    const port = refused.match[2] ?? refused.match[4];
    const dep = (host ?? '').split('.')[0] ?? '';
    const endpoints = findEvidence(ev, /.*/, (e) => e.command.includes(`endpoints ${dep}`));
    const down = endpoints && /<none>|No resources found/.test(endpoints.evidence.output);
    const depPods = findEvidence(ev, /CrashLoopBackOff|Error|Pending|0\/\d/, (e) =>
      e.command.includes(`app=${dep}`),
    );
    finding = {
      rootCause: `${who} fails because its dependency ${host}:${port} refuses connections${cite(refused.evidence.key)}${down ? `; ${dep} has no ready endpoints${cite(endpoints?.evidence.key, depPods?.evidence.key)}` : ''}.`,
      confidence: 'likely',
      keys: [refused.evidence.key],
    };
  } else if (probe) {
    finding = {
      rootCause: `The ${probe.match[1]?.toLowerCase()} probe of ${who} fails (${(probe.match[2] ?? '').trim() || 'no detail'})${cite(probe.evidence.key)}, so the kubelet ${probe.match[1] === 'Readiness' ? 'takes it out of service' : 'restarts it'}.${deployNote}`,
      confidence: 'likely',
      keys: [probe.evidence.key],
    };
  } else if (crash) {
    const logs = findEvidence(ev, FATAL, (e) => / logs /.test(` ${e.command} `));
    finding = logs
      ? {
          rootCause: `${who} crashes on start: "${logs.match[0].trim().slice(0, 200)}"${cite(logs.evidence.key, crash.evidence.key)}.${deployNote}`,
          confidence: 'likely',
          keys: [logs.evidence.key],
        }
      : {
          rootCause: `${who} is in a crash loop${cite(crash.evidence.key)}, but its logs do not show why.`,
          confidence: 'inconclusive',
          keys: [crash.evidence.key],
        };
  } else if (deploy) {
    const logs = findEvidence(ev, FATAL, (e) => / logs /.test(` ${e.command} `));
    if (logs) {
      finding = {
        rootCause: `A regression from the deploy "${deploy.title}" at ${deploy.startedAt} is likely: errors started right after it ("${logs.match[0].trim().slice(0, 160)}")${cite(logs.evidence.key, rollout?.evidence.key)}.`,
        confidence: 'likely',
        keys: [logs.evidence.key],
      };
    }
  }

  if (!oom) ruledOut.push('Out-of-memory kills (no OOMKilled in what was checked)');
  if (!image) ruledOut.push('Image pull failures');
  if (!sched) ruledOut.push('Scheduling problems (no FailedScheduling events)');
  if (!crash && !oom) ruledOut.push('Crash loops');
  const ran = ev.length > 0;
  const notChecked = ev
    .filter((e) => e.status === 'error')
    .map((e) => `\`${e.command}\` failed: ${e.reason || 'error'}`);
  if (!conv.tools.includes('kubectl')) notChecked.push('Kubernetes state (no kubectl tool configured)');
  if (!metricsTool(conv.tools)) notChecked.push('Metrics (no metrics tool configured)');
  notChecked.push('Application code and configuration outside the cluster');

  const okKeys = ev.filter((e) => e.status === 'ok').map((e) => e.key);
  if (!finding) {
    const checked = ev.filter((e) => e.status === 'ok').map((e) => `\`${e.command}\`${cite(e.key)}`);
    finding = {
      rootCause: ran
        ? `No fault found: ${checked.length > 0 ? `${checked.slice(0, 5).join(', ')} show nothing abnormal` : 'no diagnostic command succeeded'}.${deployNote}`
        : 'No diagnostics could run, so the cause is unknown.',
      confidence: 'inconclusive',
      keys: okKeys.slice(0, 3),
    };
  }
  const suggestions = suggest(conv, t.namespace, pod?.name ?? t.pod, t.workload, finding);
  const alertTitles = [...new Set(conv.alerts.map((a) => a.title))].slice(0, 3).join('; ');
  const summary =
    finding.confidence === 'inconclusive'
      ? `Alerts (${alertTitles || 'none'}) were investigated with ${ev.length} diagnostic command(s); the evidence does not explain them. ${finding.rootCause}`
      : `${alertTitles ? `Alerts (${alertTitles}): ` : ''}${finding.rootCause}`;
  const result: InvestigationResult = {
    summary,
    rootCause: finding.rootCause,
    confidence: finding.confidence,
    ruledOut: finding.confidence === 'inconclusive' || ran ? ruledOut : [],
    notChecked,
    suggestions,
  };
  const text = `${finding.confidence === 'inconclusive' ? 'I could not find the cause.' : `Conclusion (${finding.confidence}):`} ${finding.rootCause}\n`;
  return { text, result };
}

function suggest(
  conv: Conversation,
  ns: string,
  pod: string | null,
  workload: string | null,
  f: Finding,
): SuggestionProposal[] {
  if (!conv.tools.includes('kubectl')) return [];
  const out: SuggestionProposal[] = [];
  const add = (title: string, args: string[], rationale: string) =>
    out.push({
      type: 'diagnostic',
      title,
      tool: 'kubectl',
      args,
      command: `kubectl ${args.join(' ')}`,
      risk: 'low',
      rationale,
    });
  const because = `${f.rootCause.slice(0, 160)}`;
  if (pod)
    add(
      `Describe ${pod}`,
      ['describe', 'pod', pod, '-n', ns],
      `Check the pod's current state and events. ${because}`,
    );
  if (workload)
    add(
      `Rollout status of ${workload}`,
      ['rollout', 'status', `deployment/${workload}`, '-n', ns],
      'See whether a rollout is stuck or progressing.',
    );
  if (pod && /OOMKilled|memory/.test(f.rootCause))
    add(
      `Memory use of ${pod}`,
      ['top', 'pod', pod, '-n', ns, '--containers'],
      'Compare memory use with the limit before raising it.',
    );
  const fix = workload && /OOMKilled/.test(f.rootCause) ? memoryLimitFix(conv, workload) : null;
  if (fix) out.push(fix);
  return out;
}

/** Evidence keys with status ok (exported for tests). */
export function okKeys(evidence: Evidence[]): string[] {
  return evidence.filter((e) => e.status === 'ok').map((e) => e.key);
}

/** `256Mi` → `512Mi`: the limit the container died at, doubled. */
export function doubledQuantity(q: string): string | null {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(q);
  if (!m) return null;
  const n = Number(m[1]) * 2;
  return `${Number.isInteger(n) ? n : n.toFixed(1)}${m[2] ?? ''}`;
}

/**
 * A fix for an OOM kill: the workload's manifest (found through its `aurora.dev/*`
 * annotations and read with `http_get`) with the container's memory limit doubled. Only
 * proposed when the manifest declares the same limit the container was killed at.
 */
function memoryLimitFix(conv: Conversation, workload: string): SuggestionProposal | null {
  const source = manifestSource(conv, workload);
  if (!source) return null;
  const manifest = conv.evidence.find((e) => e.tool === 'http_get' && e.status === 'ok' && source.url !== null && e.command.includes(source.url));
  if (!manifest) return null;
  const limitEv = findEvidence(conv.evidence, /Limits:\s*\n(?:\s+cpu:[^\n]*\n)?\s+memory:\s+(\S+)/);
  const killedAt = limitEv?.match[1];
  const original = manifest.output;
  const re = /(limits:\s*\n(?:[ \t]+cpu:[^\n]*\n)?[ \t]+memory:[ \t]*["']?)(\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|K|M|G|T)?)/;
  const m = re.exec(original);
  if (!m || !killedAt || m[2] !== killedAt) return null;
  const raised = doubledQuantity(killedAt);
  if (!raised) return null;
  const suggested = original.replace(re, `$1${raised}`);
  return {
    type: 'fix',
    title: `Raise the ${workload} memory limit from ${killedAt} to ${raised}`,
    repository: source.repository,
    filePath: source.path,
    originalContent: original,
    suggestedContent: suggested,
    rationale: `The container is OOMKilled at its ${killedAt} limit${cite(limitEv.evidence.key)}; the manifest${cite(manifest.key)} declares that limit. Doubling it stops the kills; check actual use with \`kubectl top\` and tune it down once stable.`,
  };
}
