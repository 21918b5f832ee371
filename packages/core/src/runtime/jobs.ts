/** Job kind of a background investigation. Payload: {@link InvestigateJobPayload}. */
export const INVESTIGATE_JOB = 'aurora.investigate';
/** Job kind of a follow-up chat turn. Payload: {@link ChatJobPayload}. */
export const CHAT_JOB = 'aurora.chat';

export interface InvestigateJobPayload {
  tenantId: string;
  incidentId: string;
  /** Why it was enqueued (`created`, `manual`, `rerun`, …). */
  reason?: string;
}

export interface ChatJobPayload {
  tenantId: string;
  sessionId: string;
  messageId: string;
}

/** At most one investigation per incident is queued or running. */
export function investigationKey(incidentId: string): string {
  return `investigate:${incidentId}`;
}

export function chatKey(sessionId: string): string {
  return `chat:${sessionId}`;
}
