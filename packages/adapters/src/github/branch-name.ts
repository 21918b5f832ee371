import { AuroraError } from '@aurora-rca/core';

/**
 * The branch a fix is committed to: `aurora/fix-incident-{incidentId}-{timestamp}`, with the
 * timestamp in epoch milliseconds (pass the injected clock's `now()`). Characters a Git ref
 * cannot hold are replaced with `-`.
 *
 * @example
 * ```ts
 * fixBranchName('inc_42', clock.now()); // 'aurora/fix-incident-inc_42-1764877800000'
 * ```
 */
export function fixBranchName(incidentId: string, timestamp: number | Date): string {
  const ms = typeof timestamp === 'number' ? timestamp : timestamp.getTime();
  if (!Number.isFinite(ms))
    throw new AuroraError('INVALID_INPUT', 'fixBranchName: timestamp is not a valid time');
  const safe = incidentId.replace(/[^A-Za-z0-9._-]/g, '-').replace(/\.{2,}/g, '-');
  if (!safe) throw new AuroraError('INVALID_INPUT', 'fixBranchName: incidentId is empty');
  return `aurora/fix-incident-${safe}-${Math.trunc(ms)}`;
}

/**
 * Why `name` is not a valid branch name under `git check-ref-format --branch`, or `null`
 * when it is.
 */
export function branchNameProblem(name: string): string | null {
  if (!name) return 'is empty';
  if (name.length > 250) return 'is longer than 250 characters';
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/'))
    return 'starts with - or / or ends with /';
  if (name.endsWith('.') || name.endsWith('.lock')) return 'ends with . or .lock';
  if (name.includes('..') || name.includes('//') || name.includes('@{') || name === '@')
    return 'contains .., //, @{ or is @';
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name))
    return 'contains a space, a control character or one of ~^:?*[\\';
  if (name.split('/').some((part) => part.startsWith('.'))) return 'has a component starting with .';
  return null;
}
