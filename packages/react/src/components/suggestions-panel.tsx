import type { DiagnosticSuggestion, FixSuggestion } from '@aurora-rca/core/client';
import { type ReactNode, useId, useState } from 'react';
import { fixContent, type UseSuggestionsResult, useSuggestions } from '../hooks/use-suggestions.js';
import { CitationBadge, CitedText, IncidentCitations } from './citation-badge.js';
import { DiffView } from './diff-view.js';

function ErrorText({ error }: { error: { message: string } | null }): ReactNode {
  return error ? (
    <p className="aurora-error" role="alert">
      {error.message}
    </p>
  ) : null;
}

function DiagnosticCard({ s, api }: { s: DiagnosticSuggestion; api: UseSuggestionsResult }): ReactNode {
  const titleId = useId();
  const state = api.stateOf(s.id);
  return (
    <article
      className="aurora-card aurora-suggestion"
      aria-labelledby={titleId}
      data-suggestion-type="diagnostic"
    >
      <h3 id={titleId} className="aurora-card-title">
        {s.title}
      </h3>
      {s.rationale && (
        <p>
          <CitedText text={s.rationale} />
        </p>
      )}
      <pre className="aurora-command">
        <code>{s.command}</code>
      </pre>
      <div className="aurora-actions">
        <span className={`aurora-risk aurora-risk-${s.risk}`}>Risk: {s.risk}</span>
        <button type="button" className="aurora-button" onClick={() => void api.copy(s)}>
          {api.copiedId === s.id ? 'Copied' : 'Copy command'}
        </button>
        <button
          type="button"
          className="aurora-button aurora-button-primary"
          onClick={() => void api.execute(s.id).catch(() => {})}
          disabled={state.pending !== null}
          aria-busy={state.pending === 'execute'}
        >
          {state.pending === 'execute' ? 'Running…' : s.status === 'executed' ? 'Run again' : 'Run'}
        </button>
        {s.resultCitationKey && (
          <span className="aurora-result">
            Result <CitationBadge citationKey={s.resultCitationKey} />
          </span>
        )}
      </div>
      <ErrorText error={state.error} />
    </article>
  );
}

function FixCard({ s, api }: { s: FixSuggestion; api: UseSuggestionsResult }): ReactNode {
  const titleId = useId();
  const editorId = useId();
  const state = api.stateOf(s.id);
  const [draft, setDraft] = useState<string | null>(null);
  const content = fixContent(s);
  const prUrl = s.prUrl ?? state.pullRequest?.url ?? null;
  const prNumber = s.prNumber ?? state.pullRequest?.number ?? null;
  const busy = state.pending !== null;

  const save = async () => {
    if (draft === null) return;
    await api.edit(s.id, draft === s.suggestedContent ? null : draft).then(
      () => setDraft(null),
      () => {},
    );
  };

  return (
    <article className="aurora-card aurora-suggestion" aria-labelledby={titleId} data-suggestion-type="fix">
      <h3 id={titleId} className="aurora-card-title">
        {s.title}
      </h3>
      <p className="aurora-muted">
        <code>{s.repository}</code> · <code>{s.filePath}</code>
        {s.userEditedContent !== null && <span className="aurora-tag">edited</span>}
      </p>
      {s.rationale && (
        <p>
          <CitedText text={s.rationale} />
        </p>
      )}
      {draft === null ? (
        <DiffView original={s.originalContent} modified={content} path={s.filePath} />
      ) : (
        <div className="aurora-editor">
          <label htmlFor={editorId}>Edit {s.filePath}</label>
          <textarea
            id={editorId}
            className="aurora-textarea aurora-code-editor"
            value={draft}
            spellCheck={false}
            rows={Math.min(30, Math.max(6, draft.split('\n').length + 1))}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
      )}
      <div className="aurora-actions">
        {draft === null ? (
          <>
            <button
              type="button"
              className="aurora-button"
              onClick={() => setDraft(content)}
              disabled={busy || !!prUrl}
            >
              Edit
            </button>
            {s.userEditedContent !== null && !prUrl && (
              <button
                type="button"
                className="aurora-button"
                onClick={() => void api.edit(s.id, null).catch(() => {})}
                disabled={busy}
              >
                Revert edit
              </button>
            )}
          </>
        ) : (
          <>
            <button
              type="button"
              className="aurora-button aurora-button-primary"
              onClick={() => void save()}
              disabled={busy}
            >
              {state.pending === 'edit' ? 'Saving…' : 'Save edit'}
            </button>
            <button type="button" className="aurora-button" onClick={() => setDraft(null)} disabled={busy}>
              Cancel
            </button>
          </>
        )}
        {prUrl ? (
          <a className="aurora-button aurora-pr-link" href={prUrl} target="_blank" rel="noreferrer">
            Pull request{prNumber !== null ? ` #${prNumber}` : ''}
          </a>
        ) : (
          <button
            type="button"
            className="aurora-button aurora-button-primary"
            onClick={() => void api.apply(s.id).catch(() => {})}
            disabled={busy || draft !== null}
            aria-busy={state.pending === 'apply'}
          >
            {state.pending === 'apply' ? 'Opening pull request…' : 'Apply fix'}
          </button>
        )}
      </div>
      <ErrorText error={state.error} />
    </article>
  );
}

/**
 * An incident's suggestions. Diagnostics: the command with Copy and Run (the output opens
 * as a citation). Fixes: a diff of the file, an inline editor, and Apply Fix, which opens
 * the pull request and then shows its link.
 */
export function SuggestionsPanel({ incidentId }: { incidentId: string }): ReactNode {
  const api = useSuggestions(incidentId);
  if (api.suggestions.length === 0) return <p className="aurora-empty">No suggestions yet.</p>;
  return (
    <IncidentCitations incidentId={incidentId}>
      <div className="aurora-suggestions">
        {api.diagnostics.length > 0 && (
          <section aria-label="Diagnostic commands">
            <h3 className="aurora-subheading">Diagnostics</h3>
            {api.diagnostics.map((s) => (
              <DiagnosticCard key={s.id} s={s} api={api} />
            ))}
          </section>
        )}
        {api.fixes.length > 0 && (
          <section aria-label="Code fixes">
            <h3 className="aurora-subheading">Fixes</h3>
            {api.fixes.map((s) => (
              <FixCard key={s.id} s={s} api={api} />
            ))}
          </section>
        )}
      </div>
    </IncidentCitations>
  );
}
