import { type ReactNode, useMemo } from 'react';
import { lineDiff } from './line-diff.js';

/** Props of {@link DiffView}. */
export interface DiffViewProps {
  original: string;
  modified: string;
  /** File path, used in the accessible name. */
  path: string;
}

const MARK = { added: '+', removed: '-', context: ' ' } as const;
const SPOKEN = { added: 'added', removed: 'removed', context: 'unchanged' } as const;

/** A unified line diff as a table: old and new line numbers, a +/- marker (spoken as "added"/"removed"), the line. */
export function DiffView({ original, modified, path }: DiffViewProps): ReactNode {
  const lines = useMemo(() => lineDiff(original, modified), [original, modified]);
  return (
    <div className="aurora-diff-scroll">
      <table className="aurora-diff" aria-label={`Changes to ${path}`}>
        <tbody>
          {lines.map((line) => (
            <tr
              key={`${line.oldLine}:${line.newLine}`}
              className={`aurora-diff-${line.kind}`}
              data-diff={line.kind}
            >
              <td className="aurora-diff-num">{line.oldLine ?? ''}</td>
              <td className="aurora-diff-num">{line.newLine ?? ''}</td>
              <td className="aurora-diff-mark">
                <span aria-hidden="true">{MARK[line.kind]}</span>
                <span className="aurora-visually-hidden">{SPOKEN[line.kind]}</span>
              </td>
              <td className="aurora-diff-text">
                <pre>{line.text}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
