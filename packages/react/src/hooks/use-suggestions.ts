import type {
  ApplySuggestionResponse,
  DiagnosticSuggestion,
  ExecuteSuggestionResponse,
  FixSuggestion,
  Suggestion,
  SuggestionActionState,
  SuggestionResponse,
} from '@aurora-rca/core/client';
import { useCallback, useMemo, useState } from 'react';
import { useAuroraClient } from '../provider.js';
import { useStore } from './use-store.js';

const IDLE: SuggestionActionState = { pending: null, error: null, pullRequest: null };

/** What {@link useSuggestions} returns. */
export interface UseSuggestionsResult {
  suggestions: Suggestion[];
  diagnostics: DiagnosticSuggestion[];
  fixes: FixSuggestion[];
  /** Action state of one suggestion (pending action, last error, opened PR). */
  stateOf: (suggestionId: string) => SuggestionActionState;
  /** Id of the suggestion whose command was copied last (for "Copied" feedback). */
  copiedId: string | null;
  /** Copies a diagnostic's command (or a fix's current content) to the clipboard; resolves false if refused. */
  copy: (suggestion: Suggestion) => Promise<boolean>;
  /** Runs a diagnostic; the output becomes a citation. */
  execute: (suggestionId: string) => Promise<ExecuteSuggestionResponse>;
  /** Saves an edit of a fix (`null` reverts to the suggestion). */
  edit: (suggestionId: string, content: string | null) => Promise<SuggestionResponse>;
  /** Opens the fix's pull request. */
  apply: (suggestionId: string) => Promise<ApplySuggestionResponse>;
}

/** The content a fix will commit: the person's edit when there is one. */
export function fixContent(fix: FixSuggestion): string {
  return fix.userEditedContent ?? fix.suggestedContent;
}

/**
 * An incident's suggestions and what a person can do with them: copy or execute a
 * diagnostic, edit a fix and apply it as a pull request. Errors are thrown by the actions
 * and also kept per suggestion in `stateOf(id).error`.
 */
export function useSuggestions(incidentId: string): UseSuggestionsResult {
  const client = useAuroraClient();
  const store = useMemo(() => client.incident(incidentId), [client, incidentId]);
  const state = useStore(store);
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const copy = useCallback(async (s: Suggestion) => {
    const text = s.type === 'diagnostic' ? s.command : fixContent(s);
    try {
      await globalThis.navigator.clipboard.writeText(text);
      setCopiedId(s.id);
      return true;
    } catch {
      return false;
    }
  }, []);
  const suggestions = state.data?.suggestions;
  const actions = state.suggestionActions;
  return useMemo(() => {
    const all = suggestions ?? [];
    return {
      suggestions: all,
      diagnostics: all.filter((s): s is DiagnosticSuggestion => s.type === 'diagnostic'),
      fixes: all.filter((s): s is FixSuggestion => s.type === 'fix'),
      stateOf: (id: string) => actions[id] ?? IDLE,
      copiedId,
      copy,
      execute: (id: string) => store.executeSuggestion(id),
      edit: (id: string, content: string | null) => store.editSuggestion(id, content),
      apply: (id: string) => store.applySuggestion(id),
    };
  }, [suggestions, actions, copiedId, copy, store]);
}
