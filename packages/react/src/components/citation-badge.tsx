import type { Citation } from '@aurora-rca/core/client';
import { createContext, memo, type ReactNode, useContext, useMemo, useState } from 'react';
import { useIncident } from '../hooks/use-incident.js';
import { formatTime } from './format.js';
import { Modal } from './modal.js';

/** Citations by key, provided by `IncidentDetail` (or by you) to the badges below it. */
export const CitationsContext = createContext<ReadonlyMap<string, Citation>>(new Map());

/**
 * Provides an incident's citations (live) to every {@link CitationBadge} below it. The
 * incident components already do this; use it around your own markup that renders `[n]`.
 */
export function IncidentCitations({
  incidentId,
  children,
}: {
  incidentId: string;
  children?: ReactNode;
}): ReactNode {
  const citations = useIncident(incidentId).data?.citations;
  const byKey = useMemo(() => new Map((citations ?? []).map((c) => [c.key, c])), [citations]);
  return <CitationsContext.Provider value={byKey}>{children}</CitationsContext.Provider>;
}

/** Props of {@link CitationBadge}. */
export interface CitationBadgeProps {
  /** The key as written in text: "3" for `[3]`. */
  citationKey: string;
  /** The citation; looked up in {@link CitationsContext} when omitted. */
  citation?: Citation;
}

/**
 * Renders `[n]` as a button that opens a dialog with the command that was run: tool,
 * command, status, time, duration and its (redacted) output. A key whose citation has not
 * arrived yet renders as plain text.
 */
export const CitationBadge = memo(function CitationBadge({
  citationKey,
  citation,
}: CitationBadgeProps): ReactNode {
  const fromContext = useContext(CitationsContext).get(citationKey);
  const found = citation ?? fromContext;
  const [open, setOpen] = useState(false);
  if (!found) return <span className="aurora-citation aurora-citation-pending">[{citationKey}]</span>;
  return (
    <>
      <button
        type="button"
        className="aurora-citation"
        aria-haspopup="dialog"
        aria-label={`Citation ${citationKey}: ${found.command}`}
        onClick={() => setOpen(true)}
      >
        [{citationKey}]
      </button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Citation [${citationKey}]`}
        className="aurora-citation-modal"
      >
        <dl className="aurora-fields">
          <dt>Tool</dt>
          <dd>{found.toolName}</dd>
          <dt>Command</dt>
          <dd>
            <code>{found.command}</code>
          </dd>
          <dt>Status</dt>
          <dd data-citation-status={found.status}>
            {found.status}
            {found.reason ? ` — ${found.reason}` : ''}
          </dd>
          <dt>Ran at</dt>
          <dd>
            <time dateTime={found.executedAt}>{formatTime(found.executedAt)}</time>
          </dd>
          <dt>Duration</dt>
          <dd>{Math.round(found.durationMs)} ms</dd>
        </dl>
        <h3 className="aurora-subheading">Output</h3>
        <section
          className="aurora-output-region"
          aria-label="Command output"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-focusable to scroll.
          tabIndex={0}
        >
          <pre className="aurora-output">{found.output || '(no output)'}</pre>
        </section>
      </Modal>
    </>
  );
});

/** `[3]` or a group `[3, 1]`, as models and the rule-based analyst write them. */
const CITATION = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** Text in which every `[n]` (and each key of `[n, m]`) becomes a {@link CitationBadge}. */
export const CitedText = memo(function CitedText({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CITATION)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    for (const key of (match[1] ?? '').split(',')) {
      const k = key.trim();
      parts.push(<CitationBadge key={`${at}-${k}`} citationKey={k} />);
    }
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
});
