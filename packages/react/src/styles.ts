/**
 * The default stylesheet, as a string: render `<style>{auroraStyles}</style>` once (or write
 * it to a CSS file). Everything is scoped under `.aurora` and themed with CSS variables —
 * override any `--aurora-*` variable on `.aurora` or a parent to restyle. No framework
 * needed; the components also work unstyled.
 */
export const auroraStyles = `
.aurora {
  --aurora-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  --aurora-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  --aurora-bg: #ffffff;
  --aurora-surface: #f6f7f9;
  --aurora-fg: #1b1f24;
  --aurora-muted: #5b6470;
  --aurora-border: #d8dde3;
  --aurora-accent: #3b5bdb;
  --aurora-accent-fg: #ffffff;
  --aurora-danger: #c92a2a;
  --aurora-focus: #4c6ef5;
  --aurora-radius: 6px;
  --aurora-gap: 0.75rem;
  --aurora-status-investigating: #e8590c;
  --aurora-status-analyzed: #1971c2;
  --aurora-status-resolved: #2b8a3e;
  --aurora-status-merged: #868e96;
  --aurora-severity-critical: #c92a2a;
  --aurora-severity-high: #e8590c;
  --aurora-severity-medium: #f08c00;
  --aurora-severity-low: #1971c2;
  --aurora-severity-info: #5b6470;
  --aurora-severity-unknown: #868e96;
  --aurora-diff-added: #e6ffec;
  --aurora-diff-removed: #ffebe9;
  font-family: var(--aurora-font);
  color: var(--aurora-fg);
  background: var(--aurora-bg);
  line-height: 1.45;
}
.aurora *, .aurora *::before, .aurora *::after { box-sizing: border-box; }
.aurora :focus-visible { outline: 2px solid var(--aurora-focus); outline-offset: 2px; }
.aurora-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.aurora-muted { color: var(--aurora-muted); font-size: 0.9em; }
.aurora-empty { color: var(--aurora-muted); font-style: italic; }
.aurora-error { color: var(--aurora-danger); }
.aurora-notice { background: var(--aurora-surface); border-left: 3px solid var(--aurora-accent); padding: 0.5rem 0.75rem; }
.aurora-section-header, .aurora-detail-header { display: flex; align-items: center; justify-content: space-between; gap: var(--aurora-gap); flex-wrap: wrap; }
.aurora-detail-title { margin: 0 0 0.25rem; font-size: 1.5rem; }
.aurora-actions { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin: 0.5rem 0; }
.aurora-button { font: inherit; padding: 0.35rem 0.8rem; border: 1px solid var(--aurora-border); border-radius: var(--aurora-radius); background: var(--aurora-bg); color: var(--aurora-fg); cursor: pointer; text-decoration: none; display: inline-block; }
.aurora-button:hover:not(:disabled) { background: var(--aurora-surface); }
.aurora-button:disabled { opacity: 0.55; cursor: not-allowed; }
.aurora-button-primary { background: var(--aurora-accent); border-color: var(--aurora-accent); color: var(--aurora-accent-fg); }
.aurora-button-primary:hover:not(:disabled) { background: var(--aurora-accent); filter: brightness(1.1); }
.aurora-button-danger { color: var(--aurora-danger); border-color: var(--aurora-danger); }
.aurora-button-ghost { border-color: transparent; }
.aurora-tag { display: inline-block; padding: 0 0.4rem; margin: 0 0.2rem; border-radius: 999px; background: var(--aurora-surface); border: 1px solid var(--aurora-border); font-size: 0.8em; }
.aurora-status, .aurora-live { display: inline-flex; align-items: center; gap: 0.35rem; font-size: 0.85em; font-weight: 600; }
.aurora-status-dot { width: 0.6rem; height: 0.6rem; border-radius: 50%; background: currentColor; display: inline-block; }
.aurora-status-investigating { color: var(--aurora-status-investigating); }
.aurora-status-analyzed { color: var(--aurora-status-analyzed); }
.aurora-status-resolved { color: var(--aurora-status-resolved); }
.aurora-status-merged { color: var(--aurora-status-merged); }
.aurora-status-investigating .aurora-status-dot, .aurora-investigating .aurora-status-dot, .aurora-live-live .aurora-status-dot { animation: aurora-pulse 1.4s ease-in-out infinite; }
.aurora-live { color: var(--aurora-muted); font-weight: 400; }
.aurora-live-live { color: var(--aurora-status-resolved); }
.aurora-live-polling { color: var(--aurora-status-investigating); }
@keyframes aurora-pulse { 50% { opacity: 0.3; } }
@media (prefers-reduced-motion: reduce) { .aurora .aurora-status-dot { animation: none !important; } }
.aurora-severity { font-size: 0.8em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
.aurora-severity-critical { color: var(--aurora-severity-critical); }
.aurora-severity-high { color: var(--aurora-severity-high); }
.aurora-severity-medium { color: var(--aurora-severity-medium); }
.aurora-severity-low { color: var(--aurora-severity-low); }
.aurora-severity-info { color: var(--aurora-severity-info); }
.aurora-severity-unknown { color: var(--aurora-severity-unknown); }
.aurora-incident-rows, .aurora-alert-list, .aurora-choice-list { list-style: none; margin: 0; padding: 0; }
.aurora-incident-row { display: flex; justify-content: space-between; gap: var(--aurora-gap); padding: 0.75rem; border-bottom: 1px solid var(--aurora-border); }
.aurora-incident-link { font-weight: 600; color: var(--aurora-fg); }
.aurora-incident-meta { display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; margin-top: 0.25rem; }
.aurora-incident-side { text-align: right; display: flex; flex-direction: column; gap: 0.2rem; white-space: nowrap; }
.aurora-fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
.aurora-fields dt { color: var(--aurora-muted); }
.aurora-fields dd { margin: 0; }
.aurora-summary { background: var(--aurora-surface); border-radius: var(--aurora-radius); padding: 0.5rem 1rem; }
.aurora-tablist { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--aurora-border); margin-top: 1rem; }
.aurora-tab { font: inherit; background: none; border: none; border-bottom: 2px solid transparent; padding: 0.5rem 0.9rem; cursor: pointer; color: var(--aurora-muted); }
.aurora-tab[aria-selected='true'] { color: var(--aurora-fg); border-bottom-color: var(--aurora-accent); font-weight: 600; }
.aurora-tab-badge { margin-left: 0.4rem; font-size: 0.75em; background: var(--aurora-surface); border-radius: 999px; padding: 0 0.4rem; }
.aurora-tabpanel { padding: 1rem 0; }
.aurora-thought-list { list-style: none; margin: 0; padding: 0; max-height: var(--aurora-thoughts-height, 32rem); overflow-y: auto; }
.aurora-thought { display: grid; grid-template-columns: max-content 1fr; gap: 0.75rem; padding: 0.35rem 0; border-bottom: 1px dashed var(--aurora-border); content-visibility: auto; contain-intrinsic-size: auto 2rem; }
.aurora-thought-system { color: var(--aurora-muted); font-style: italic; }
.aurora-thought-time { color: var(--aurora-muted); font-size: 0.8em; font-family: var(--aurora-mono); }
.aurora-investigating { display: flex; align-items: center; gap: 0.5rem; color: var(--aurora-status-investigating); }
.aurora-citation { font: inherit; font-size: 0.85em; color: var(--aurora-accent); background: none; border: none; padding: 0 0.1rem; cursor: pointer; vertical-align: baseline; }
.aurora-citation:hover { text-decoration: underline; }
.aurora-citation-pending { color: var(--aurora-muted); cursor: default; }
.aurora-modal-backdrop { position: fixed; inset: 0; background: rgb(0 0 0 / 0.45); display: flex; align-items: center; justify-content: center; padding: 1rem; z-index: 1000; }
.aurora-modal { background: var(--aurora-bg); color: var(--aurora-fg); border-radius: var(--aurora-radius); max-width: min(48rem, 100%); width: 100%; max-height: 90vh; overflow: auto; padding: 1rem 1.25rem; box-shadow: 0 10px 40px rgb(0 0 0 / 0.3); }
.aurora-modal-header { display: flex; justify-content: space-between; align-items: center; }
.aurora-modal-title { margin: 0; font-size: 1.15rem; }
.aurora-output, .aurora-command { font-family: var(--aurora-mono); font-size: 0.85em; background: var(--aurora-surface); border: 1px solid var(--aurora-border); border-radius: var(--aurora-radius); padding: 0.6rem; overflow: auto; max-height: 24rem; white-space: pre-wrap; word-break: break-word; }
.aurora-output-region { max-height: 24rem; overflow: auto; border-radius: var(--aurora-radius); }
.aurora-output-region > .aurora-output { max-height: none; overflow: visible; margin: 0; }
.aurora-card { border: 1px solid var(--aurora-border); border-radius: var(--aurora-radius); padding: 0.75rem 1rem; margin: 0 0 0.75rem; }
.aurora-card-title { margin: 0 0 0.25rem; font-size: 1rem; font-weight: 600; }
.aurora-subheading { font-size: 1rem; margin: 1rem 0 0.5rem; }
.aurora-risk { font-size: 0.8em; color: var(--aurora-muted); }
.aurora-risk-high { color: var(--aurora-danger); }
.aurora-diff-scroll { overflow: auto; border: 1px solid var(--aurora-border); border-radius: var(--aurora-radius); }
.aurora-diff { border-collapse: collapse; width: 100%; font-family: var(--aurora-mono); font-size: 0.82em; }
.aurora-diff td { padding: 0 0.4rem; vertical-align: top; }
.aurora-diff pre { margin: 0; white-space: pre-wrap; font: inherit; }
.aurora-diff-num { color: var(--aurora-muted); text-align: right; user-select: none; width: 1%; }
.aurora-diff-mark { width: 1%; user-select: none; }
.aurora-diff-added { background: var(--aurora-diff-added); }
.aurora-diff-removed { background: var(--aurora-diff-removed); }
.aurora-textarea, .aurora-select { font: inherit; width: 100%; padding: 0.4rem; border: 1px solid var(--aurora-border); border-radius: var(--aurora-radius); background: var(--aurora-bg); color: var(--aurora-fg); }
.aurora-select { width: auto; }
.aurora-code-editor { font-family: var(--aurora-mono); font-size: 0.85em; }
.aurora-editor label, .aurora-chat-form > label { display: block; font-weight: 600; margin: 0.5rem 0 0.25rem; }
.aurora-message-list { list-style: none; padding: 0; margin: 0; max-height: var(--aurora-chat-height, 28rem); overflow-y: auto; }
.aurora-message { padding: 0.5rem 0.75rem; margin: 0.4rem 0; border-radius: var(--aurora-radius); background: var(--aurora-surface); }
.aurora-message-user { background: transparent; border: 1px solid var(--aurora-border); }
.aurora-message-author { display: block; font-weight: 600; font-size: 0.8em; color: var(--aurora-muted); }
.aurora-message-content .aurora-paragraph { margin: 0.25rem 0; }
.aurora-message-content code { font-family: var(--aurora-mono); font-size: 0.9em; background: var(--aurora-bg); padding: 0 0.2rem; border-radius: 3px; }
.aurora-cursor { display: inline-block; width: 0.5em; height: 1em; background: currentColor; vertical-align: text-bottom; animation: aurora-pulse 1s steps(2) infinite; }
.aurora-approval { border-color: var(--aurora-status-investigating); }
.aurora-mode, .aurora-fieldset { border: none; padding: 0; margin: 0.5rem 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.aurora-fieldset { display: block; }
.aurora-mode legend, .aurora-fieldset legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.aurora-radio { display: inline-flex; gap: 0.4rem; align-items: baseline; cursor: pointer; padding: 0.2rem 0; }
.aurora-timeline { padding-left: 1.25rem; }
.aurora-postmortem li > .aurora-paragraph, .aurora-timeline .aurora-paragraph { display: inline; margin: 0; }
.aurora-postmortem code { font-family: var(--aurora-mono); font-size: 0.9em; }
.aurora-timeline time { color: var(--aurora-muted); font-family: var(--aurora-mono); font-size: 0.85em; }
`;
