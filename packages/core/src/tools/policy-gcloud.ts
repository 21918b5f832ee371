import { flagSpec, parseArgv } from './argv.js';
import { type CommandClassification, deny, matchesDeniedFlag, read, write } from './classification.js';

const SPEC = flagSpec([
  '--account',
  '--billing-project',
  '--configuration',
  '--flags-file',
  '--flatten',
  '--format',
  '--project',
  '--verbosity',
  '--impersonate-service-account',
  '--access-token-file',
  '--trace-token',
  '--filter',
  '--limit',
  '--page-size',
  '--sort-by',
  '--zone',
  '--region',
  '--location',
  '--cluster',
  '--freshness',
  '--order',
  '--credential-file-override',
  '--secret',
  '--service',
  '--namespace',
  '--bucket',
  '--view',
]);

/** Flags that pick an identity or credentials, or print them. */
const CREDENTIAL_FLAGS = new Set([
  '--account',
  '--impersonate-service-account',
  '--access-token-file',
  '--credential-file-override',
  '--configuration',
  '--trace-token',
  '--log-http',
  '--flags-file',
]);

const READ_VERBS = new Set([
  'list',
  'describe',
  'read',
  'get-iam-policy',
  'get-value',
  'get-health',
  'get-server-config',
  'get-serial-port-output',
  'get-guest-attributes',
  'get-ancestors',
  'get-ancestors-iam-policy',
  'log',
]);
const WRITE_VERBS = new Set([
  'create',
  'delete',
  'update',
  'set',
  'deploy',
  'start',
  'stop',
  'reset',
  'resize',
  'patch',
  'rollback',
  'cancel',
  'enable',
  'disable',
  'restart',
  'suspend',
  'resume',
  'undelete',
  'upgrade',
  'import',
  'export',
  'apply',
  'replace',
  'promote',
  'failover',
  'restore',
  'clone',
  'add-iam-policy-binding',
  'remove-iam-policy-binding',
  'set-iam-policy',
]);
/** Commands refused wherever they appear in the command path. */
const REFUSED_WORDS: ReadonlyMap<string, string> = new Map([
  ['ssh', 'opens a remote shell'],
  ['scp', 'copies files to or from machines'],
  ['connect-to-serial-port', 'opens a remote console'],
  ['connect', 'opens a database session'],
  ['print-access-token', 'prints an access token'],
  ['print-identity-token', 'prints an identity token'],
  ['print-refresh-token', 'prints a refresh token'],
  ['get-credentials', 'writes cluster credentials to the local kubeconfig'],
  ['generate-login-token', 'mints a login token'],
  ['interactive', 'is interactive'],
  ['tail', 'streams forever'],
  ['decrypt', 'decrypts data with a key'],
  ['asymmetric-decrypt', 'decrypts data with a key'],
  ['init', 'changes the local configuration'],
  ['components', 'installs software locally'],
  ['cloud-shell', 'opens a remote shell'],
]);

/** Classifies a gcloud argv (without `gcloud`). */
export function classifyGcloud(args: readonly string[]): CommandClassification {
  const parsed = parseArgv(args, SPEC);
  const words = parsed.positionals.map((w) => w.toLowerCase());
  for (const f of parsed.flags) {
    const hit = matchesDeniedFlag(f.name, CREDENTIAL_FLAGS, true);
    if (hit) return deny(words, `${hit} selects or reveals credentials; the operator configures those`, true);
  }
  if (words.length === 0) return deny(words, 'no gcloud command was given');
  if (words[0] === 'gcloud') return deny(words, 'args must not repeat the program name');
  if (words[0] === 'version' || words[0] === 'info') return read(words, `gcloud ${words[0]} is read-only`);

  // The command path is groups followed by a verb; arguments come after the verb. `deploy`
  // is also a group name (Cloud Deploy), so as the first word it counts as a group.
  const verbAt = words.findIndex(
    (w, i) =>
      (READ_VERBS.has(w) || WRITE_VERBS.has(w) || isListLike(w) || REFUSED_WORDS.has(w)) &&
      !(i === 0 && w === 'deploy'),
  );
  const path = verbAt === -1 ? words : words.slice(0, verbAt + 1);
  if (path[0] === 'auth' && !(path[1] === 'list' && path.length === 2)) {
    return deny(words, 'gcloud auth is refused: it handles credentials', true);
  }
  if (path[0] === 'config' && path[1] !== 'list' && path[1] !== 'get-value') {
    return deny(words, 'gcloud config is refused except list and get-value', true);
  }
  if (path.includes('secrets') && path.includes('access')) {
    return deny(words, 'reading secret values (gcloud secrets versions access) is refused', true);
  }
  if (path.includes('keys') && path.includes('create')) {
    return deny(words, 'creating service-account keys is refused', true);
  }
  for (const w of path) {
    const why = REFUSED_WORDS.get(w);
    if (why) return deny(words, `gcloud ${w} is refused: it ${why}`, true);
  }
  if (verbAt === -1) {
    return deny(
      words,
      `unknown gcloud command "${words.join(' ')}" (no known verb such as list, describe or read)`,
    );
  }
  const verb = words[verbAt] as string;
  if (READ_VERBS.has(verb) || isListLike(verb)) return read(words, `gcloud … ${verb} is read-only`);
  return write(words, `gcloud … ${verb} changes resources`);
}

function isListLike(word: string): boolean {
  return word.startsWith('list-') || word.startsWith('describe-');
}
