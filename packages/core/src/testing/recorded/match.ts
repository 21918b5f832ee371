import { flagSpec, parseArgv } from '../../tools/argv.js';

/**
 * How a recorded call is recognised: the tool name plus the input reduced to what changes
 * the answer. For kubectl that is the verb, resource, name, namespace, container,
 * `--previous`, label selector and `--all-namespaces`; flag order, `-o/--output` and other
 * presentation flags (`--tail`, `--since`, `--timestamps`, …) are ignored. Other CLIs keep
 * all positionals and flags except their output-format flag. Prometheus and Loki match on
 * the query with whitespace collapsed (time range ignored), `http_get` on the URL.
 */
export function recordingKey(tool: string, input: unknown): string {
  const args = commandArgs(input);
  if (args && tool === 'kubectl') return `kubectl ${kubectlKey(args)}`;
  if (args && (tool === 'gcloud' || tool === 'aws' || tool === 'az'))
    return `${tool} ${genericKey(tool, args)}`;
  const query = (input as { query?: unknown } | null)?.query;
  if ((tool === 'prometheus' || tool === 'loki') && typeof query === 'string') {
    return `${tool} ${query.replace(/\s+/g, ' ').trim()}`;
  }
  const url = (input as { url?: unknown } | null)?.url;
  if (tool === 'http_get' && typeof url === 'string') return `${tool} ${normalizeUrl(url)}`;
  return `${tool} ${stableJson(input)}`;
}

function commandArgs(input: unknown): string[] | undefined {
  const args = (input as { args?: unknown } | null)?.args;
  return Array.isArray(args) && args.every((a) => typeof a === 'string') ? args : undefined;
}

const KUBECTL = flagSpec(
  [
    '--namespace',
    '--output',
    '--selector',
    '--container',
    '--tail',
    '--since',
    '--since-time',
    '--sort-by',
    '--field-selector',
    '--template',
    '--label-columns',
    '--limit-bytes',
    '--max-log-requests',
    '--revision',
    '--types',
    '--for',
    '--containers',
    '--api-group',
    '--request-timeout',
    '--chunk-size',
  ],
  ['n', 'o', 'l', 'c', 'L'],
);

const RESOURCE_ALIASES: Record<string, string> = {
  po: 'pods',
  pod: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  svc: 'services',
  service: 'services',
  ns: 'namespaces',
  namespace: 'namespaces',
  no: 'nodes',
  node: 'nodes',
  ev: 'events',
  event: 'events',
  rs: 'replicasets',
  replicaset: 'replicasets',
  sts: 'statefulsets',
  statefulset: 'statefulsets',
  ds: 'daemonsets',
  daemonset: 'daemonsets',
  cm: 'configmaps',
  configmap: 'configmaps',
  ing: 'ingresses',
  ingress: 'ingresses',
  hpa: 'horizontalpodautoscalers',
  horizontalpodautoscaler: 'horizontalpodautoscalers',
  pvc: 'persistentvolumeclaims',
  persistentvolumeclaim: 'persistentvolumeclaims',
  pv: 'persistentvolumes',
  persistentvolume: 'persistentvolumes',
  job: 'jobs',
  cj: 'cronjobs',
  cronjob: 'cronjobs',
  sa: 'serviceaccounts',
  serviceaccount: 'serviceaccounts',
  ep: 'endpoints',
  secret: 'secrets',
  netpol: 'networkpolicies',
  networkpolicy: 'networkpolicies',
  pdb: 'poddisruptionbudgets',
  poddisruptionbudget: 'poddisruptionbudgets',
};
const SUBCOMMAND_VERBS = new Set(['rollout', 'auth', 'top', 'config', 'create', 'set']);

function resource(word: string): string {
  const type = (word.split('.')[0] ?? word).toLowerCase();
  return RESOURCE_ALIASES[type] ?? type;
}

function kubectlKey(args: string[]): string {
  const parsed = parseArgv(args, KUBECTL);
  const words = [...parsed.positionals];
  const verb = (words.shift() ?? '').toLowerCase();
  const parts: string[] = [verb];
  if (SUBCOMMAND_VERBS.has(verb) && words.length > 0) {
    const sub = (words.shift() as string).toLowerCase();
    parts.push(verb === 'top' ? resource(sub) : sub);
  }
  const targets: string[] = [];
  let currentType = verb === 'logs' ? 'pods' : '';
  for (const [i, word] of words.entries()) {
    if (word.includes('/')) {
      const [type, name] = word.split('/', 2) as [string, string];
      targets.push(`${resource(type)}/${name}`);
    } else if (i === 0 && verb !== 'logs' && verb !== 'auth') {
      currentType = word.split(',').map(resource).join(',');
      targets.push(`${currentType}/`);
    } else {
      if (targets.at(-1) === `${currentType}/`) targets.pop();
      targets.push(`${currentType}/${word}`);
    }
  }
  parts.push(...targets.sort());
  const flag = (...names: string[]) => parsed.flags.filter((f) => names.includes(f.name)).at(-1);
  const ns = flag('-n', '--namespace')?.value;
  if (ns) parts.push(`ns=${ns}`);
  const container = flag('-c', '--container')?.value;
  if (container) parts.push(`container=${container}`);
  const selector = flag('-l', '--selector')?.value;
  if (selector)
    parts.push(
      `selector=${selector
        .split(',')
        .map((s) => s.trim())
        .sort()
        .join(',')}`,
    );
  const previous = flag('-p', '--previous');
  if (previous && previous.value !== 'false') parts.push('previous');
  const all = flag('-A', '--all-namespaces');
  if (all && all.value !== 'false') parts.push('all-namespaces');
  return parts.join(' ');
}

const OUTPUT_FLAGS: Record<string, string[]> = {
  gcloud: ['--format'],
  aws: ['--output'],
  az: ['--output', '-o'],
};

/** Positionals in order, then `flag=value` pairs sorted; every flag but the output format counts. */
function genericKey(tool: string, args: string[]): string {
  const positionals: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq === -1 ? arg : arg.slice(0, eq);
    let value = eq === -1 ? undefined : arg.slice(eq + 1);
    const next = args[i + 1];
    if (value === undefined && next !== undefined && !next.startsWith('-')) {
      value = next;
      i++;
    }
    name = name.toLowerCase();
    if (!(OUTPUT_FLAGS[tool] ?? []).includes(name))
      flags.push(value === undefined ? name : `${name}=${value}`);
  }
  return [...positionals, ...flags.sort()].join(' ');
}

function normalizeUrl(url: string): string {
  try {
    return new URL(url).toString();
  } catch {
    return url;
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
