import { flagSpec, hasFlag, parseArgv } from './argv.js';
import { type CommandClassification, deny, matchesDeniedFlag, read, write } from './classification.js';

const SPEC = flagSpec([
  '--region',
  '--output',
  '--query',
  '--profile',
  '--endpoint-url',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--color',
  '--cli-binary-format',
  '--page-size',
  '--max-items',
  '--starting-token',
  '--cli-input-json',
  '--cli-input-yaml',
]);

/** Flags that pick credentials, redirect signed requests, or read local files. */
const REFUSED_FLAGS: ReadonlyMap<string, string> = new Map([
  ['--profile', 'selects credentials; the operator configures them (AWS_PROFILE)'],
  ['--endpoint-url', 'sends signed requests to another endpoint'],
  ['--no-verify-ssl', 'disables TLS verification'],
  ['--ca-bundle', 'replaces the trusted certificate authorities'],
  ['--no-sign-request', 'changes how requests are signed'],
  ['--debug', 'logs raw requests and responses'],
  ['--cli-input-json', 'reads parameters from a file'],
  ['--cli-input-yaml', 'reads parameters from a file'],
  ['--with-decryption', 'decrypts SecureString parameters'],
  ['--follow', 'streams forever'],
]);
const REFUSED_FLAG_NAMES = new Set(REFUSED_FLAGS.keys());

const READ_PREFIXES = [
  'describe-',
  'list-',
  'get-',
  'lookup-',
  'search-',
  'batch-get-',
  'estimate-',
  'validate-',
];
const READ_OPERATIONS = new Set([
  'filter-log-events',
  'get-log-events',
  'tail',
  'get-caller-identity',
  'ls',
  'wait',
]);
const WRITE_PREFIXES = [
  'create-',
  'delete-',
  'put-',
  'update-',
  'modify-',
  'start-',
  'stop-',
  'terminate-',
  'run-',
  'reboot-',
  'attach-',
  'detach-',
  'associate-',
  'disassociate-',
  'enable-',
  'disable-',
  'register-',
  'deregister-',
  'tag-',
  'untag-',
  'set-',
  'reset-',
  'restore-',
  'send-',
  'publish-',
  'copy-',
  'import-',
  'export-',
  'cancel-',
  'authorize-',
  'revoke-',
  'add-',
  'remove-',
  'replace-',
  'purge-',
  'rotate-',
  'release-',
  'allocate-',
  'increase-',
  'decrease-',
];
const WRITE_OPERATIONS = new Set(['invoke', 'rm', 'rb', 'mb', 'website', 'scale']);

/** Operations refused even though their verb reads: they return secrets or credentials. */
const SECRET_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['secretsmanager get-secret-value', 'returns a secret value'],
  ['secretsmanager batch-get-secret-value', 'returns secret values'],
  ['sts get-session-token', 'mints temporary credentials'],
  ['sts get-federation-token', 'mints temporary credentials'],
  ['sts assume-role', 'mints temporary credentials'],
  ['sts assume-role-with-saml', 'mints temporary credentials'],
  ['sts assume-role-with-web-identity', 'mints temporary credentials'],
  ['ecr get-login-password', 'returns a registry password'],
  ['ecr get-authorization-token', 'returns a registry token'],
  ['ecr-public get-login-password', 'returns a registry password'],
  ['ecr-public get-authorization-token', 'returns a registry token'],
  ['codeartifact get-authorization-token', 'returns a repository token'],
  ['eks get-token', 'mints a cluster token'],
  ['rds generate-db-auth-token', 'mints a database token'],
  ['sso get-role-credentials', 'returns credentials'],
  ['cognito-identity get-credentials-for-identity', 'returns credentials'],
  ['ec2 get-password-data', 'returns an instance password'],
  ['kms decrypt', 'decrypts data'],
  ['kms generate-data-key', 'returns key material'],
  ['kms generate-data-key-pair', 'returns key material'],
  ['iam create-access-key', 'creates credentials'],
  ['iam create-login-profile', 'creates credentials'],
  ['lightsail get-instance-access-details', 'returns instance credentials'],
  ['s3 presign', 'creates a pre-signed access URL'],
]);
const REFUSED_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['s3 cp', 'copies files to or from the local disk'],
  ['s3 mv', 'moves files to or from the local disk'],
  ['s3 sync', 'copies files to or from the local disk'],
  ['ssm send-command', 'runs commands on machines'],
  ['ssm start-session', 'opens a remote shell'],
  ['ecs execute-command', 'runs commands in containers'],
  ['ec2-instance-connect send-ssh-public-key', 'grants shell access'],
]);
const REFUSED_SERVICES: ReadonlyMap<string, string> = new Map([
  ['configure', 'shows or changes local credentials'],
  ['sso', 'handles credentials'],
  ['login', 'handles credentials'],
  ['history', 'shows past commands with their arguments'],
]);

/** Classifies an aws argv (without `aws`): `[global flags] <service> <operation> [parameters]`. */
export function classifyAws(args: readonly string[]): CommandClassification {
  const parsed = parseArgv(args, SPEC);
  const words = parsed.positionals.map((w) => w.toLowerCase());
  for (const f of parsed.flags) {
    const hit = matchesDeniedFlag(f.name, REFUSED_FLAG_NAMES, true);
    if (hit) return deny(words, `${hit} is refused: it ${REFUSED_FLAGS.get(hit)}`, true);
  }
  // aws reads `file://` and `fileb://` values from disk. (Loading `http(s)://` values was an
  // AWS CLI v1 feature, off in v2, so URLs such as --queue-url stay usable.)
  if (args.some((a) => /(^|=)fileb?:\/\//i.test(a))) {
    return deny(words, 'parameter values loaded from local files (file://, fileb://) are refused', true);
  }
  const [service, operation] = words;
  if (service === undefined) return deny(words, 'no aws service was given');
  if (service === 'aws') return deny(words, 'args must not repeat the program name');
  const refusedService = REFUSED_SERVICES.get(service);
  if (refusedService) return deny(words, `aws ${service} is refused: it ${refusedService}`, true);
  if (operation === undefined) return deny(words, `no operation was given for aws ${service}`);
  const key = `${service} ${operation}`;
  const secret = SECRET_OPERATIONS.get(key);
  if (secret) return deny(words, `aws ${key} is refused: it ${secret}`, true);
  // CloudWatch Logs Insights: starting and stopping a query only reads logs.
  if (key === 'logs start-query' || key === 'logs stop-query')
    return read(words, `aws ${key} only reads logs`);
  const refused = REFUSED_OPERATIONS.get(key);
  if (refused) return deny(words, `aws ${key} is refused: it ${refused}`);
  if (service === 'logs' && operation === 'tail' && hasFlag(parsed, '--follow')) {
    return deny(words, 'aws logs tail --follow streams forever');
  }
  if (READ_OPERATIONS.has(operation) || READ_PREFIXES.some((p) => operation.startsWith(p))) {
    return read(words, `aws ${key} is read-only`);
  }
  if (WRITE_OPERATIONS.has(operation) || WRITE_PREFIXES.some((p) => operation.startsWith(p))) {
    return write(words, `aws ${key} changes resources`);
  }
  return deny(words, `unknown aws operation "${key}"`);
}
