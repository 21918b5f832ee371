import { type Conversation, callSignature, findEvidence } from './evidence.js';
import { choosePod, findTarget, isUnhealthy, parsePods, type Target } from './kubernetes.js';

/** A tool call the analyst wants to make. */
export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

/** The analyst's next turn: what it says, and the calls. */
export interface PlannedTurn {
  text: string;
  calls: PlannedCall[];
}

const kubectl = (...args: string[]): PlannedCall => ({ name: 'kubectl', args: { args } });

/** Name of a metrics tool taking `{ query }` (PromQL), if one is offered. */
export function metricsTool(tools: string[]): string | null {
  return tools.find((t) => /prometheus|promql|metrics/i.test(t)) ?? null;
}

/** The first string field named `key` in a payload, with its dot path. */
function findField(
  value: unknown,
  key: string,
  path = '',
  depth = 0,
): { path: string; value: string } | null {
  if (depth > 6 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (k === key && typeof v === 'string') return { path: here, value: v };
    const inner = findField(v, key, here, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** Context fields are cut with this marker; the full value needs `read_alert_field`. */
const CUT = /…\[\d+ more chars\]$/;

/** A `read_alert_field` call for an alert whose `generatorURL` was cut in the context. */
function fullUrlCall(conv: Conversation): PlannedCall | null {
  if (!conv.tools.includes('read_alert_field')) return null;
  for (const a of conv.alerts) {
    const field = findField(a.raw, 'generatorURL');
    if (field && CUT.test(field.value))
      return { name: 'read_alert_field', args: { alertId: a.id, path: field.path } };
  }
  return null;
}

/** The alert's own PromQL (Alertmanager/Grafana `generatorURL` `g0.expr`), else a restart count for the namespace. */
export function metricQuery(conv: Conversation, target: Target): string {
  const full = conv.evidence.find(
    (e) => e.tool === 'read_alert_field' && e.status === 'ok' && /^https?:/.test(e.output),
  );
  const urls = [full?.output, ...conv.alerts.map((a) => findField(a.raw, 'generatorURL')?.value)];
  for (const url of urls) {
    if (!url || CUT.test(url)) continue;
    try {
      const expr = new URL(url.trim()).searchParams.get('g0.expr');
      if (expr) return expr;
    } catch {
      // not a URL
    }
  }
  return `sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="${target.namespace}"}[30m]))`;
}

/** `host` of a refused connection in logs (`dial tcp postgres:5432: connect: connection refused`). */
export const REFUSED =
  /(?:dial tcp |connect to |ECONNREFUSED |connection to )\[?([a-zA-Z][\w.-]*|\d+\.\d+\.\d+\.\d+)\]?:(\d+)[^\n]*?(?:connection refused|ECONNREFUSED)|ECONNREFUSED ([a-zA-Z][\w.-]*|\d+\.\d+\.\d+\.\d+):(\d+)/;

function stage(conv: Conversation, target: Target, hasKubectl: boolean): PlannedTurn | null {
  const ns = target.namespace;
  const fresh = (calls: PlannedCall[]) =>
    calls.filter((c) => !conv.called.has(callSignature(c.name, c.args)));
  const subject = target.workload ? `${target.workload} in namespace ${ns}` : `namespace ${ns}`;
  const title = conv.alerts[0]?.title ?? 'the alert';

  if (hasKubectl) {
    const url = fullUrlCall(conv);
    const first = fresh([
      kubectl('get', 'pods', '-n', ns),
      kubectl('get', 'events', '-n', ns, '--sort-by=.lastTimestamp'),
      ...(url ? [url] : []),
    ]);
    if (first.length > 0) {
      return {
        text: `The alert "${title}" points at ${subject}. I will list its pods and the recent events first.\n`,
        calls: first,
      };
    }
  }
  const podsOut = findEvidence(conv.evidence, /NAME\s+READY\s+STATUS/);
  const pods = podsOut ? parsePods(podsOut.evidence.output) : [];
  const pod = choosePod(pods, target);
  const second: PlannedCall[] = [];
  const says: string[] = [];
  if (hasKubectl && pod) {
    const crashed = pod.restarts > 0 || /CrashLoop|Error|OOM/.test(pod.status);
    second.push(kubectl('describe', 'pod', pod.name, '-n', ns));
    if (!/Pending|ContainerCreating|ImagePull|ErrImage|CreateContainerConfigError/.test(pod.status)) {
      second.push(
        crashed
          ? kubectl('logs', pod.name, '-n', ns, '--previous', '--tail=100')
          : kubectl('logs', pod.name, '-n', ns, '--tail=100'),
      );
    }
    says.push(
      isUnhealthy(pod)
        ? `Pod ${pod.name} is ${pod.status} (ready ${pod.ready}, ${pod.restarts} restarts). I will describe it and read ${crashed ? 'the logs of its previous container' : 'its logs'}.`
        : `The pods look healthy; I will still describe ${pod.name} and read its logs.`,
    );
  }
  if (hasKubectl && target.workload) {
    second.push(kubectl('rollout', 'history', `deployment/${target.workload}`, '-n', ns));
    says.push(`The rollout history of ${target.workload} shows whether a deploy preceded the alert.`);
  }
  const metrics = metricsTool(conv.tools);
  if (metrics) {
    second.push({ name: metrics, args: { query: metricQuery(conv, target) } });
    says.push('A metric query shows how the signal behaved.');
  }
  const next = fresh(second);
  if (next.length > 0) return { text: `${says.join(' ')}\n`, calls: next };

  const refused = findEvidence(conv.evidence, REFUSED);
  if (hasKubectl && refused) {
    const host = (refused.match[1] ?? refused.match[3] ?? '').split('.')[0] ?? '';
    if (host && !/^\d+$/.test(host)) {
      const third = fresh([
        kubectl('get', 'endpoints', host, '-n', ns),
        kubectl('get', 'pods', '-n', ns, '-l', `app=${host}`),
      ]);
      if (third.length > 0) {
        return {
          text: `The logs show connections to ${host} being refused. I will check whether ${host} has ready endpoints and pods.\n`,
          calls: third,
        };
      }
    }
  }
  const oom = findEvidence(conv.evidence, /OOMKilled/);
  if (hasKubectl && oom && target.workload) {
    const deployment = fresh([kubectl('get', 'deployment', target.workload, '-n', ns, '-o', 'yaml')]);
    if (deployment.length > 0) {
      return {
        text: `The container was OOMKilled. I will read the ${target.workload} deployment to see where its memory limit is declared.\n`,
        calls: deployment,
      };
    }
    const source = manifestSource(conv, target.workload);
    if (source?.url && conv.tools.includes('http_get')) {
      const manifest = fresh([{ name: 'http_get', args: { url: source.url } }]);
      if (manifest.length > 0) {
        return {
          text: `The deployment names its source manifest (${source.path} in ${source.repository}); I will read it to propose a fix.\n`,
          calls: manifest,
        };
      }
    }
  }
  return null;
}

/** Source of a workload's manifest, from `aurora.dev/*` annotations on its deployment. */
export interface ManifestSource {
  repository: string;
  path: string;
  url: string | null;
}

/**
 * Reads the deployment's `aurora.dev/repository`, `aurora.dev/manifest-path` and optional
 * `aurora.dev/manifest-url` annotations (from `kubectl get deployment -o yaml`). Teams set them
 * so fixes can be proposed against the file that declares the workload.
 */
export function manifestSource(conv: Conversation, workload: string): ManifestSource | null {
  const dep = conv.evidence.find(
    (e) => e.tool === 'kubectl' && e.status === 'ok' && e.command.includes(`get deployment ${workload}`),
  );
  if (!dep) return null;
  const read = (name: string) =>
    new RegExp(`aurora\\.dev/${name}:\\s*["']?([^"'\\s]+)`).exec(dep.output)?.[1] ?? null;
  const repository = read('repository');
  const path = read('manifest-path');
  if (!repository || !path || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return null;
  return { repository, path, url: read('manifest-url') };
}

/** The next investigation turn, or `null` when it is time to conclude. */
export function planNext(conv: Conversation): PlannedTurn | null {
  if (conv.mustConclude || conv.turns >= 5) return null;
  return stage(conv, findTarget(conv.alerts), conv.tools.includes('kubectl'));
}
