import { flagSpec, flagValue, hasFlag, type ParsedArgv, parseArgv } from './argv.js';
import { type CommandClassification, deny, read, write } from './classification.js';

const SPEC = flagSpec(
  [
    '--namespace',
    '--output',
    '--selector',
    '--field-selector',
    '--container',
    '--tail',
    '--since',
    '--since-time',
    '--sort-by',
    '--template',
    '--label-columns',
    '--chunk-size',
    '--limit-bytes',
    '--max-log-requests',
    '--pod-running-timeout',
    '--filename',
    '--kustomize',
    '--subresource',
    '--raw',
    '--types',
    '--for',
    '--containers',
    '--revision',
    '--api-group',
    '--verbs',
    '--request-timeout',
    '--kubeconfig',
    '--token',
    '--as',
    '--as-group',
    '--as-uid',
    '--username',
    '--password',
    '--client-certificate',
    '--client-key',
    '--certificate-authority',
    '--server',
    '--tls-server-name',
    '--cluster',
    '--user',
    '--context',
    '--cache-dir',
    '--log-file',
    '--log-dir',
    '--profile',
    '--profile-output',
    '--v',
    '--vmodule',
    '--replicas',
    '--image',
    '--grace-period',
    '--timeout',
    '--to-revision',
    '--type',
    '--field-manager',
  ],
  ['n', 'o', 'l', 'c', 'L', 'f', 'k', 's', 'v'],
);

/** Flags that pick credentials, identities or the API endpoint — the operator's choice, never the model's. */
const CREDENTIAL_FLAGS = new Set([
  '--kubeconfig',
  '--token',
  '--as',
  '--as-group',
  '--as-uid',
  '--username',
  '--password',
  '--client-certificate',
  '--client-key',
  '--certificate-authority',
  '--server',
  '-s',
  '--insecure-skip-tls-verify',
  '--tls-server-name',
  '--cluster',
  '--user',
  '--context',
  '--cache-dir',
]);
/** Flags that write files, read local files, or stream forever. */
const REFUSED_FLAGS: ReadonlyMap<string, string> = new Map([
  ['--log-file', 'writes a log file'],
  ['--log-dir', 'writes log files'],
  ['--profile-output', 'writes a profile file'],
  ['--profile', 'writes a profile file'],
  ['--v', 'verbose HTTP logging can print credentials'],
  ['-v', 'verbose HTTP logging can print credentials'],
  ['--vmodule', 'verbose HTTP logging can print credentials'],
  ['--raw', 'raw API paths bypass resource checks'],
  ['--filename', 'reads local files or URLs'],
  ['-f', 'reads local files (get) or streams forever (logs --follow)'],
  ['--follow', 'streams forever'],
  ['--kustomize', 'reads local directories'],
  ['-k', 'reads local directories'],
  ['--watch', 'streams forever'],
  ['-w', 'streams forever'],
  ['--watch-only', 'streams forever'],
]);

const READ_VERBS = new Set([
  'get',
  'describe',
  'logs',
  'events',
  'explain',
  'version',
  'api-resources',
  'api-versions',
]);
const WRITE_VERBS = new Set([
  'annotate',
  'apply',
  'autoscale',
  'create',
  'delete',
  'drain',
  'cordon',
  'uncordon',
  'expose',
  'label',
  'patch',
  'replace',
  'scale',
  'set',
  'taint',
]);
const REFUSED_VERBS: ReadonlyMap<string, string> = new Map([
  ['exec', 'runs commands inside containers'],
  ['cp', 'copies files in or out of containers'],
  ['port-forward', 'opens network tunnels'],
  ['proxy', 'opens an API proxy'],
  ['attach', 'attaches to a running container'],
  ['debug', 'starts debugging containers with a shell'],
  ['run', 'starts arbitrary containers'],
  ['edit', 'opens an interactive editor'],
  ['plugin', 'plugins are never run'],
  ['kustomize', 'reads local directories'],
  ['diff', 'runs an external diff program'],
  ['certificate', 'approves or denies certificate requests'],
  ['completion', 'is not a diagnostic'],
  ['alpha', 'alpha commands are not classified'],
  ['convert', 'reads local files'],
  ['wait', 'blocks until a condition; not classified'],
]);
const OUTPUT_FILE_FORMATS = ['go-template-file', 'jsonpath-file', 'custom-columns-file', 'template-file'];
const SECRET_SAFE_OUTPUTS = new Set(['wide', 'name']);

/** Classifies a kubectl argv (without `kubectl`). */
export function classifyKubectl(args: readonly string[]): CommandClassification {
  const parsed = parseArgv(args, SPEC);
  const words = parsed.positionals.map((w) => w.toLowerCase());
  for (const f of parsed.flags) {
    if (CREDENTIAL_FLAGS.has(f.name)) {
      return deny(
        words,
        `${f.name} selects credentials or the API server; the operator configures those`,
        true,
      );
    }
    const why = REFUSED_FLAGS.get(f.name);
    if (why) return deny(words, `${f.name} is refused: it ${why}`, true);
  }
  const output = (flagValue(parsed, '-o', '--output') ?? '').toLowerCase();
  if (OUTPUT_FILE_FORMATS.some((f) => output.startsWith(f))) {
    return deny(words, `-o ${output} reads a local template file`, true);
  }
  const verb = words[0];
  if (verb === undefined) return deny(words, 'no kubectl command was given');
  if (verb === 'kubectl') return deny(words, 'args must not repeat the program name');

  if (verb === 'create' && words[1] === 'token') {
    return deny(words, 'kubectl create token mints service-account credentials', true);
  }
  if (verb === 'get' && readsSecretValues(words.slice(1), parsed, output)) {
    return deny(
      words,
      'reading Secret values is refused (list secrets without -o, or use describe, which shows only key names and sizes)',
      true,
    );
  }
  if (READ_VERBS.has(verb)) return read(words, `kubectl ${verb} is read-only`);
  if (verb === 'top') {
    return ['pod', 'pods', 'po', 'node', 'nodes', 'no'].includes(words[1] ?? '')
      ? read(words, 'kubectl top is read-only')
      : deny(words, 'kubectl top needs pod or node');
  }
  if (verb === 'rollout') return classifyRollout(words);
  if (verb === 'auth') {
    if (words[1] === 'can-i' || words[1] === 'whoami')
      return read(words, `kubectl auth ${words[1]} is read-only`);
    if (words[1] === 'reconcile') return write(words, 'kubectl auth reconcile changes RBAC');
    return deny(words, 'unknown kubectl auth subcommand');
  }
  if (verb === 'cluster-info') {
    return words.length === 1
      ? read(words, 'kubectl cluster-info is read-only')
      : deny(words, 'cluster-info dump is refused');
  }
  if (verb === 'config') {
    return words[1] === 'current-context' || words[1] === 'get-contexts'
      ? read(words, `kubectl config ${words[1]} is read-only`)
      : deny(words, 'kubectl config is refused: it shows or changes credentials', true);
  }
  if (WRITE_VERBS.has(verb)) return write(words, `kubectl ${verb} changes the cluster`);
  const refused = REFUSED_VERBS.get(verb);
  if (refused) return deny(words, `kubectl ${verb} is refused: it ${refused}`);
  return deny(words, `unknown kubectl command "${verb}" (plugins are never run)`);
}

function classifyRollout(words: string[]): CommandClassification {
  const sub = words[1];
  if (sub === 'history' || sub === 'status') return read(words, `kubectl rollout ${sub} is read-only`);
  if (sub === 'restart' || sub === 'undo' || sub === 'pause' || sub === 'resume') {
    return write(words, `kubectl rollout ${sub} changes the workload`);
  }
  return deny(words, 'unknown kubectl rollout subcommand');
}

/**
 * `kubectl get` shows Secret data with any output format except the default table, `wide`
 * and `name`. Resources may be written `secrets`, `secret/name`, `pods,secrets` or with an
 * API group (`secrets.v1.`).
 */
function readsSecretValues(resourceWords: string[], parsed: ParsedArgv, output: string): boolean {
  const mentionsSecrets = resourceWords.some((word) =>
    word.split(',').some((part) => {
      const type = (part.split('/')[0] ?? '').split('.')[0];
      return type === 'secret' || type === 'secrets';
    }),
  );
  if (!mentionsSecrets) return false;
  if (hasFlag(parsed, '--template')) return true;
  return output !== '' && !SECRET_SAFE_OUTPUTS.has(output);
}
