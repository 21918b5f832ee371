import type { Thought } from '@aurora-rca/core/client';
import { memo, type ReactNode, useLayoutEffect, useRef } from 'react';
import { CitedText } from './citation-badge.js';
import { formatTime } from './format.js';

/** Props of {@link ThoughtsPanel}. */
export interface ThoughtsPanelProps {
  /** Ordered by `seq` (as `useIncident` delivers them). */
  thoughts: readonly Thought[];
  /** Shows the "still investigating" indicator. */
  investigating?: boolean;
  /**
   * Renders one thought's content (default: text with citation badges). Keep it stable
   * (module-level or `useCallback`): rows are memoized on it.
   */
  renderContent?: (thought: Thought) => ReactNode;
}

const defaultContent = (t: Thought): ReactNode => <CitedText text={t.content} />;

const ThoughtRow = memo(function ThoughtRow({
  thought,
  renderContent,
}: {
  thought: Thought;
  renderContent: (thought: Thought) => ReactNode;
}): ReactNode {
  return (
    <li className={`aurora-thought aurora-thought-${thought.kind}`} data-seq={thought.seq}>
      <time className="aurora-thought-time" dateTime={thought.createdAt}>
        {formatTime(thought.createdAt)}
      </time>
      <div className="aurora-thought-content">{renderContent(thought)}</div>
    </li>
  );
});

/**
 * The investigation's reasoning as it streams. Rows are memoized and keyed by id, and the
 * store keeps unchanged thoughts' identity, so a new thought renders one row, not the whole
 * list — thousands of thoughts stay smooth. Follows the newest thought while the reader is
 * scrolled to the bottom.
 */
export function ThoughtsPanel({
  thoughts,
  investigating = false,
  renderContent = defaultContent,
}: ThoughtsPanelProps): ReactNode {
  const ref = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a thought is added, to follow the newest one.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [thoughts.length]);

  return (
    <div className="aurora-thoughts">
      {thoughts.length === 0 && (
        <p className="aurora-empty">
          {investigating ? 'Waiting for the first findings…' : 'No thoughts recorded.'}
        </p>
      )}
      <ol
        ref={ref}
        className="aurora-thought-list"
        role="log"
        aria-label="Investigation thoughts"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {thoughts.map((t) => (
          <ThoughtRow key={t.id} thought={t} renderContent={renderContent} />
        ))}
      </ol>
      {investigating && (
        <p className="aurora-investigating" role="status">
          <span className="aurora-status-dot" aria-hidden="true" />
          Aurora is investigating…
        </p>
      )}
    </div>
  );
}
