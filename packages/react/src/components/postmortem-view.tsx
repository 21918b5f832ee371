import type { Postmortem } from '@aurora-rca/core/client';
import { type ReactNode, useId, useState } from 'react';
import { formatTime } from './format.js';
import { RichText } from './rich-text.js';

function List({ items }: { items: readonly string[] }): ReactNode {
  if (items.length === 0) return <p className="aurora-muted">None recorded.</p>;
  return (
    <ul>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a static list that is replaced whole, never reordered.
        <li key={i}>
          <RichText text={item} />
        </li>
      ))}
    </ul>
  );
}

/** An incident's postmortem (generated when it is resolved), section by section, with "Copy markdown". */
export function PostmortemView({ postmortem }: { postmortem: Postmortem }): ReactNode {
  const titleId = useId();
  const [copied, setCopied] = useState(false);
  const s = postmortem.sections;
  return (
    <section className="aurora-postmortem" aria-labelledby={titleId}>
      <div className="aurora-section-header">
        <h2 id={titleId}>Postmortem</h2>
        <span className="aurora-muted">
          Version {postmortem.version} · {postmortem.generatedBy} ·{' '}
          <time dateTime={postmortem.createdAt}>{formatTime(postmortem.createdAt)}</time>
        </span>
        <button
          type="button"
          className="aurora-button"
          onClick={() =>
            void globalThis.navigator.clipboard.writeText(postmortem.markdown).then(
              () => setCopied(true),
              () => {},
            )
          }
        >
          {copied ? 'Copied' : 'Copy markdown'}
        </button>
      </div>
      <h3>Summary</h3>
      <RichText text={s.summary} />
      <h3>Timeline</h3>
      <ol className="aurora-timeline">
        {s.timeline.map((entry, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list that is replaced whole, never reordered.
          <li key={i} data-kind={entry.kind}>
            <time dateTime={entry.at}>{formatTime(entry.at)}</time> <RichText text={entry.text} />
          </li>
        ))}
      </ol>
      <h3>Root cause</h3>
      <RichText text={s.rootCause} />
      <h3>Impact</h3>
      <p>{s.impact}</p>
      <h3>Contributing factors</h3>
      <List items={s.contributingFactors} />
      <h3>Resolution</h3>
      <p>{s.resolution}</p>
      <h3>Action items</h3>
      <List items={s.actionItems} />
      <h3>Lessons</h3>
      <List items={s.lessons} />
    </section>
  );
}
