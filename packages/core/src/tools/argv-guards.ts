/**
 * Checks every argument of every command, whatever the CLI. No shell ever runs, so these
 * characters could not do harm by themselves; they are refused because a model that emits
 * them has almost certainly been steered by injected text, and because a command that
 * cannot be read unambiguously by a person approving it should not run at all.
 */

/** Arguments accepted per command. */
export const MAX_ARGS = 64;
/** Characters accepted per argument. */
export const MAX_ARG_LENGTH = 4096;

const SHELL_SEQUENCES: ReadonlyArray<[string, string]> = [
  [';', 'a command separator (;)'],
  ['|', 'a pipe (|)'],
  ['&', 'a background/and operator (&)'],
  ['`', 'a backtick command substitution'],
  ['$', 'a shell expansion ($)'],
  ['<(', 'a process substitution'],
  ['>(', 'a process substitution'],
  ['>>', 'an output redirection (>>)'],
  ['<<', 'a here-document (<<)'],
];

/**
 * Why an argument must be refused, or `undefined` when it is acceptable. `allowPipe` is set
 * for the value of a query-language flag whose language uses `|` (KQL's `--analytics-query`).
 */
export function argumentProblem(arg: string, allowPipe = false): string | undefined {
  if (arg.length > MAX_ARG_LENGTH) return `an argument is longer than ${MAX_ARG_LENGTH} characters`;
  for (const ch of arg) {
    const code = ch.codePointAt(0) as number;
    if (code === 0x0a || code === 0x0d) return 'an argument contains an embedded newline';
    if (code < 0x20 || code === 0x7f) return `an argument contains a control character (U+${hex(code)})`;
    if (code > 0x7e) {
      return `an argument contains the non-ASCII character U+${hex(code)}; look-alike and invisible characters are refused`;
    }
  }
  for (const [seq, what] of SHELL_SEQUENCES) {
    if (allowPipe && seq === '|' && !arg.includes('||')) continue;
    if (arg.includes(seq)) return `an argument contains ${what}, which only means something to a shell`;
  }
  // A word that starts like a redirection (`>out`, `2>err`, `<in`). Comparisons inside an
  // expression (`severity>=ERROR`) are fine: nothing splits them into a redirection.
  if (/^\d*[<>]/.test(arg)) return 'an argument is an input/output redirection';
  if (arg === '--')
    return '`--` (end of options) is refused: diagnostics never need it and it hides arguments';
  return undefined;
}

/**
 * The first problem found in argv, or `undefined`. `pipeFlags` names flags (`--analytics-query`)
 * whose value may contain a single `|`, as a separate argument or as `--flag=value`.
 */
export function argvProblem(args: readonly string[], pipeFlags: readonly string[] = []): string | undefined {
  if (args.length === 0) return 'no arguments were given';
  if (args.length > MAX_ARGS) return `more than ${MAX_ARGS} arguments`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const prev = i > 0 ? (args[i - 1] as string) : '';
    const allowPipe = pipeFlags.includes(prev) || pipeFlags.some((f) => arg.startsWith(`${f}=`));
    const problem = argumentProblem(arg, allowPipe);
    if (problem) return problem;
  }
  return undefined;
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
