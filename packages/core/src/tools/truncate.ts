/**
 * Keeps the head and the tail of a long output and puts a visible marker where the middle
 * was cut: the start of a log shows the setup, the end shows the failure.
 *
 * @returns the text and whether it was cut. `maxChars` counts the kept characters, not the marker.
 */
export function truncateOutput(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (maxChars <= 0 || text.length <= maxChars) return { text, truncated: false };
  const head = Math.ceil(maxChars * 0.6);
  const tail = maxChars - head;
  const cut = text.length - head - tail;
  return {
    text: `${text.slice(0, head)}\n… [truncated ${cut} characters] …\n${tail > 0 ? text.slice(-tail) : ''}`,
    truncated: true,
  };
}

/** The marker {@link truncateOutput} inserts, for tests and UIs that want to detect it. */
export const TRUNCATION_MARKER = /… \[truncated \d+ characters\] …/;
