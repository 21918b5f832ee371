import type { ChatMode, ChatState } from '@aurora-rca/core/client';
import { useMemo } from 'react';
import { useAuroraClient } from '../provider.js';
import { useStore } from './use-store.js';

/** What {@link useIncidentChat} returns. */
export interface UseIncidentChatResult extends ChatState {
  /** Asks in the current session (or starts one); the answer streams into `messages`. */
  ask: (question: string, mode?: ChatMode) => Promise<{ sessionId: string; messageId: string }>;
  /** Approves or denies a pending write command. */
  decide: (approvalId: string, decision: 'approve' | 'deny', reason?: string) => Promise<void>;
  selectSession: (sessionId: string | null) => void;
  newSession: () => void;
}

/**
 * Follow-up chat about an incident: sessions, streaming answers, pending approvals.
 *
 * @example
 * ```tsx
 * const chat = useIncidentChat(id);
 * await chat.ask('Which deploy preceded the errors?', 'ask');
 * ```
 */
export function useIncidentChat(incidentId: string): UseIncidentChatResult {
  const client = useAuroraClient();
  const store = useMemo(() => client.chat(incidentId), [client, incidentId]);
  const state = useStore(store);
  return useMemo(
    () => ({
      ...state,
      ask: (question: string, mode?: ChatMode) => store.ask(question, mode),
      decide: (approvalId: string, decision: 'approve' | 'deny', reason?: string) =>
        store.decide(approvalId, decision, reason),
      selectSession: (sessionId: string | null) => store.selectSession(sessionId),
      newSession: () => store.newSession(),
    }),
    [state, store],
  );
}
