/**
 * Renders argv for people (`kubectl get pods -l 'app=web, tier!=db'`). Display only: the
 * runner always receives the argv array, never this string.
 */
export function formatCommand(program: string, args: readonly string[]): string {
  return [program, ...args.map(quoteArg)].join(' ');
}

function quoteArg(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
