/**
 * What a per-CLI classifier concludes about one argv, before modes, approvals and tenant
 * rules are applied by the command policy.
 * - `read`: a known read-only command.
 * - `write`: a known command that changes something; runs only in agent mode after approval.
 * - `deny`: unknown, unsafe, or reads secret material; never runs.
 */
export interface CommandClassification {
  kind: 'read' | 'write' | 'deny';
  reason: string;
  /** Lower-cased positional words (`['get', 'pods']`), matched by tenant rules. */
  words: string[];
  /**
   * True when the verdict comes from an invariant (credentials, secrets, injection) that
   * tenant rules cannot relax.
   */
  hard?: boolean;
}

/** A classifier for one CLI's argv (without the program name). */
export type CommandClassifier = (args: readonly string[]) => CommandClassification;

export const read = (words: string[], reason: string): CommandClassification => ({
  kind: 'read',
  reason,
  words,
});
export const write = (words: string[], reason: string): CommandClassification => ({
  kind: 'write',
  reason,
  words,
});
export const deny = (words: string[], reason: string, hard = false): CommandClassification => ({
  kind: 'deny',
  reason,
  words,
  hard,
});

/**
 * For argparse-based CLIs (aws, az, gcloud) a flag may be abbreviated (`--prof` for
 * `--profile`), so a flag is refused when it is a prefix of a refused flag.
 */
export function matchesDeniedFlag(
  name: string,
  denied: ReadonlySet<string>,
  allowPrefixes: boolean,
): string | undefined {
  if (denied.has(name)) return name;
  if (!allowPrefixes || !name.startsWith('--') || name.length < 4) return undefined;
  for (const d of denied) if (d.startsWith(name)) return d;
  return undefined;
}
