import type { AlertFacts } from './evidence.js';

/** Where the alerts point in Kubernetes. */
export interface Target {
  namespace: string;
  /** Deployment (or app) name, when the labels say. */
  workload: string | null;
  /** A pod named by the alert. */
  pod: string | null;
  service: string | null;
}

const pick = (labels: Record<string, string>, names: string[]) => {
  for (const n of names) {
    const v = labels[n];
    if (v) return v;
  }
  return null;
};

/** Read namespace, workload and pod from the alerts' labels (first alert that has them). */
export function findTarget(alerts: AlertFacts[]): Target {
  const t: Target = { namespace: 'default', workload: null, pod: null, service: null };
  let namespaced = false;
  for (const a of alerts) {
    const l = a.labels ?? {};
    const ns = pick(l, [
      'namespace',
      'kubernetes_namespace',
      'k8s_namespace_name',
      'exported_namespace',
      'kube_namespace',
    ]);
    if (ns && !namespaced) {
      t.namespace = ns;
      namespaced = true;
    }
    t.workload ??= pick(l, [
      'deployment',
      'app',
      'app_kubernetes_io_name',
      'app.kubernetes.io/name',
      'workload',
      'statefulset',
      'k8s_deployment_name',
    ]);
    t.pod ??= pick(l, ['pod', 'pod_name', 'kubernetes_pod_name', 'k8s_pod_name']);
    t.service ??= a.service;
  }
  if (!t.workload && t.pod)
    t.workload = t.pod.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '').replace(/-\d+$/, '');
  t.workload ??= t.service;
  return t;
}

/** One row of `kubectl get pods`. */
export interface PodRow {
  name: string;
  ready: string;
  status: string;
  restarts: number;
}

/** Parse `kubectl get pods` table output. */
export function parsePods(output: string): PodRow[] {
  const rows: PodRow[] = [];
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[0] === 'NAME') continue;
    const [name, ready, status, restarts] = cols as [string, string, string, string];
    if (!/^\d+\/\d+$/.test(ready)) continue;
    rows.push({ name, ready, status, restarts: Number.parseInt(restarts, 10) || 0 });
  }
  return rows;
}

function badness(p: PodRow): number {
  const [r, t] = p.ready.split('/').map(Number) as [number, number];
  let score = 0;
  if (!['Running', 'Completed', 'Succeeded'].includes(p.status)) score += 4;
  if (r < t) score += 2;
  if (p.restarts > 0) score += 1;
  return score;
}

/** The pod to look at: the alert's own pod, else the unhealthiest pod of the workload. */
export function choosePod(pods: PodRow[], target: Target): PodRow | null {
  const own = target.pod ? pods.find((p) => p.name === target.pod) : undefined;
  const mine = target.workload ? pods.filter((p) => p.name.startsWith(target.workload as string)) : [];
  const pool = mine.length > 0 ? mine : pods;
  let best: PodRow | null = own ?? null;
  for (const p of pool) if (!best || badness(p) > badness(best)) best = p;
  return best;
}

/** True when a pod looks unhealthy in `kubectl get pods`. */
export function isUnhealthy(p: PodRow): boolean {
  return badness(p) > 0;
}
