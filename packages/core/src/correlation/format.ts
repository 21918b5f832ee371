/** `95_000` → `1m 35s`; used in human-readable correlation reasons. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}

/** Round a score for display and storage (3 decimals). */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
