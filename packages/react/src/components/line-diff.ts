/** One line of a {@link lineDiff}. */
export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  text: string;
  /** 1-based line number in the original (context/removed). */
  oldLine: number | null;
  /** 1-based line number in the new content (context/added). */
  newLine: number | null;
}

/** Above this many line pairs the diff is shown as "all removed, all added" instead of computed. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff (longest common subsequence) of two texts. Quadratic, so inputs larger than
 * about 2 000 × 2 000 lines fall back to replacing every line.
 */
export function lineDiff(original: string, modified: string): DiffLine[] {
  const a = original === '' ? [] : original.replace(/\n$/, '').split('\n');
  const b = modified === '' ? [] : modified.replace(/\n$/, '').split('\n');
  const out: DiffLine[] = [];
  if (a.length * b.length > MAX_CELLS) {
    for (const [i, text] of a.entries()) out.push({ kind: 'removed', text, oldLine: i + 1, newLine: null });
    for (const [j, text] of b.entries()) out.push({ kind: 'added', text, oldLine: null, newLine: j + 1 });
    return out;
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'context', text: a[i] ?? '', oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (j < m && (i >= n || (lcs[i * (m + 1) + j + 1] ?? 0) >= (lcs[(i + 1) * (m + 1) + j] ?? 0))) {
      out.push({ kind: 'added', text: b[j] ?? '', oldLine: null, newLine: j + 1 });
      j++;
    } else {
      out.push({ kind: 'removed', text: a[i] ?? '', oldLine: i + 1, newLine: null });
      i++;
    }
  }
  return out;
}
