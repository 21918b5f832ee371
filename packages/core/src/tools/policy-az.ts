import { flagSpec, parseArgv } from './argv.js';
import { type CommandClassification, deny, matchesDeniedFlag, read, write } from './classification.js';

const SPEC = flagSpec([], []);

const REFUSED_FLAGS: ReadonlyMap<string, string> = new Map([
  ['--debug', 'logs raw requests and responses'],
  ['--auth-mode', 'changes how credentials are used'],
  ['--account-key', 'passes a storage key'],
  ['--sas-token', 'passes a SAS token'],
  ['--connection-string', 'passes a connection string'],
  ['--password', 'passes a password'],
  ['--follow', 'streams forever'],
]);
const REFUSED_FLAG_NAMES = new Set(REFUSED_FLAGS.keys());

const READ_VERBS = new Set([
  'show',
  'list',
  'query',
  'version',
  'get-versions',
  'get-upgrades',
  'get-os-options',
]);
const WRITE_VERBS = new Set([
  'create',
  'delete',
  'update',
  'set',
  'start',
  'stop',
  'restart',
  'scale',
  'upgrade',
  'add',
  'remove',
  'purge',
  'rotate',
  'assign',
  'import',
  'deploy',
  'reset',
  'swap',
  'deallocate',
  'redeploy',
  'reimage',
  'enable',
  'disable',
  'attach',
  'detach',
  'resize',
  'move',
  'restore',
  'recover',
  'cordon',
  'uncordon',
]);
/** Words refused anywhere in the command path: they hold or hand out secret material, or run code. */
const REFUSED_WORDS: ReadonlyMap<string, string> = new Map([
  ['keys', 'shows access keys'],
  ['list-keys', 'shows access keys'],
  ['credential', 'shows or changes credentials'],
  ['credentials', 'shows or changes credentials'],
  ['show-connection-string', 'shows a connection string with its password'],
  ['get-access-token', 'prints an access token'],
  ['get-credentials', 'writes cluster credentials locally'],
  ['generate-sas', 'mints a SAS token'],
  ['list-publishing-credentials', 'shows deployment credentials'],
  ['list-publishing-profiles', 'shows deployment credentials'],
  ['login', 'handles credentials'],
  ['logout', 'handles credentials'],
  ['ssh', 'opens a remote shell'],
  ['rest', 'sends arbitrary API requests'],
  ['run-command', 'runs commands on machines'],
  ['invoke', 'runs commands in the cluster'],
  ['tail', 'streams forever'],
  ['download', 'downloads secret material or files'],
  ['browse', 'opens a browser'],
  ['interactive', 'is interactive'],
  ['extension', 'installs software locally'],
  ['config', 'changes the local configuration'],
  ['upload', 'uploads local files'],
]);

/** Classifies an az argv (without `az`): command words first, then flags. */
export function classifyAz(args: readonly string[]): CommandClassification {
  const parsed = parseArgv(args, SPEC);
  const firstFlag = args.findIndex((a) => a.startsWith('-'));
  const path = (firstFlag === -1 ? args : args.slice(0, firstFlag)).map((w) => w.toLowerCase());
  for (const f of parsed.flags) {
    const hit = matchesDeniedFlag(f.name, REFUSED_FLAG_NAMES, true);
    if (hit) return deny(path, `${hit} is refused: it ${REFUSED_FLAGS.get(hit)}`, true);
  }
  if (args.some((a) => a.startsWith('@'))) {
    return deny(path, 'arguments starting with @ make az read a local file', true);
  }
  if (path.length === 0) return deny(path, 'no az command was given (command words must come before flags)');
  if (path[0] === 'az') return deny(path, 'args must not repeat the program name');
  const verb = path[path.length - 1] as string;
  for (const w of path) {
    const why = REFUSED_WORDS.get(w);
    if (why) return deny(path, `az ${w} is refused: it ${why}`, true);
  }
  if (path.includes('secret') && verb !== 'list' && verb !== 'list-versions' && verb !== 'list-deleted') {
    return deny(
      path,
      'reading Key Vault secret values is refused (az keyvault secret list shows names only)',
      true,
    );
  }
  if (path[0] === 'account' && verb !== 'show' && verb !== 'list') {
    return deny(path, 'az account is refused except show and list', true);
  }
  if (READ_VERBS.has(verb) || verb.startsWith('list-') || verb.startsWith('show-')) {
    return read(path, `az … ${verb} is read-only`);
  }
  if (WRITE_VERBS.has(verb)) return write(path, `az … ${verb} changes resources`);
  return deny(path, `unknown az command "${path.join(' ')}"`);
}
