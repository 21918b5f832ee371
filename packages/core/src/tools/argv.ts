/**
 * A small getopt-style argv splitter shared by the command policies. It mirrors how the
 * CLIs themselves read flags (pflag for kubectl, argparse-like for the others) closely
 * enough that the words we classify are the words the CLI will act on: a flag known to take
 * a value consumes the next argument, `--name=value` and `-nvalue` carry their own, and an
 * unknown flag is treated as a boolean — which only ever exposes *more* words to the
 * classifier, never hides one.
 */

/** One flag as written, with the value it consumed (if any). */
export interface ParsedFlag {
  /** As written, lower-cased, without the value: `--namespace`, `-n`. */
  name: string;
  value: string | undefined;
}

export interface ParsedArgv {
  /** Words that are not flags or flag values, in order. */
  positionals: string[];
  flags: ParsedFlag[];
}

/** Which flags take a value; long names with dashes (`--namespace`), shorts as one letter (`n`). */
export interface FlagSpec {
  long: ReadonlySet<string>;
  short: ReadonlySet<string>;
}

/** Splits argv into positionals and flags. Never throws. */
export function parseArgv(args: readonly string[], spec: FlagSpec): ParsedArgv {
  const positionals: string[] = [];
  const flags: ParsedFlag[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = (eq === -1 ? arg : arg.slice(0, eq)).toLowerCase();
      if (eq !== -1) flags.push({ name, value: arg.slice(eq + 1) });
      else if (spec.long.has(name) && i + 1 < args.length) flags.push({ name, value: args[++i] });
      else flags.push({ name, value: undefined });
    } else if (arg.startsWith('-') && arg.length > 1 && arg !== '--') {
      // A cluster of short flags (`-Ap`), where a value-taking letter swallows the rest
      // (`-nshop`, `-o=json`) or, when last, the next argument (`-n shop`).
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] as string;
        const name = `-${letter}`;
        if (!spec.short.has(letter)) {
          flags.push({ name, value: undefined });
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest.length > 0) flags.push({ name, value: rest.startsWith('=') ? rest.slice(1) : rest });
        else if (i + 1 < args.length) flags.push({ name, value: args[++i] });
        else flags.push({ name, value: undefined });
        break;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, flags };
}

/** The value of the last occurrence of any of `names`. */
export function flagValue(parsed: ParsedArgv, ...names: string[]): string | undefined {
  let value: string | undefined;
  for (const f of parsed.flags) if (names.includes(f.name)) value = f.value;
  return value;
}

export function hasFlag(parsed: ParsedArgv, ...names: string[]): boolean {
  return parsed.flags.some((f) => names.includes(f.name));
}

/** Builds a {@link FlagSpec} from `--long` and single-letter names. */
export function flagSpec(long: readonly string[], short: readonly string[] = []): FlagSpec {
  return { long: new Set(long), short: new Set(short) };
}
