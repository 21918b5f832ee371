import { Fragment, memo, type ReactNode } from 'react';
import { CitedText } from './citation-badge.js';

/** `code`, **bold**, *italic* or _italic_ — the inline markdown chat answers use. */
const INLINE = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])/g;

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(<CitedText key={`t${last}`} text={text.slice(last, at)} />);
    if (m[1] !== undefined) out.push(<code key={at}>{m[1]}</code>);
    else if (m[2] !== undefined)
      out.push(
        <strong key={at}>
          <CitedText text={m[2]} />
        </strong>,
      );
    else
      out.push(
        <em key={at}>
          <CitedText text={m[3] ?? ''} />
        </em>,
      );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(<CitedText key={`t${last}`} text={text.slice(last)} />);
  return out;
}

/**
 * Renders a model's answer safely (no HTML): paragraphs, line breaks, inline code, bold and
 * italic, and `[n]` citation badges. Anything else stays literal text.
 */
export const RichText = memo(function RichText({ text }: { text: string }): ReactNode {
  const paragraphs = text.split(/\n{2,}/);
  return (
    <>
      {paragraphs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, re-derived whole on change.
        <p key={i} className="aurora-paragraph">
          {p.split('\n').map((line, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one paragraph, re-derived whole on change.
            <Fragment key={j}>
              {j > 0 && <br />}
              {inline(line)}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
});
