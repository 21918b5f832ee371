import { z } from 'zod';
import {
  ChatMode,
  type ChatMessage,
  type ChatSession,
  type Citation,
  type Incident,
  AuroraStatus,
  IncidentStatus,
  type Postmortem,
  Severity,
  type StoredAlert,
  type Suggestion,
  type Thought,
} from '../model/index.js';
import type { PullRequestRef } from '../spec/code-host.js';

/**
 * Request bodies and response shapes of the HTTP API. The handler validates bodies with
 * these schemas (strict: unknown fields are an `INVALID_INPUT`), and the browser client
 * is typed by the response interfaces.
 */

/** Error body of every non-2xx response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** `GET /api/incidents` */
export interface IncidentListResponse {
  items: Incident[];
  nextCursor: string | null;
}

export const CreateIncidentBody = z.strictObject({
  title: z.string().min(1).max(500),
  description: z.string().max(20_000).optional(),
  severity: Severity.optional(),
  service: z.string().max(200).optional(),
  environment: z.string().max(200).optional(),
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

/** `GET /api/incidents/:id` — everything the investigation page shows. */
export interface IncidentDetailResponse {
  incident: Incident;
  /** With correlation details and raw payloads. */
  alerts: StoredAlert[];
  thoughts: Thought[];
  citations: Citation[];
  suggestions: Suggestion[];
  chatSessions: ChatSession[];
  postmortem: Postmortem | null;
  /** Incidents merged into this one. */
  mergedFrom: Incident[];
}

export const PatchIncidentBody = z
  .strictObject({
    status: IncidentStatus.optional(),
    auroraStatus: AuroraStatus.optional(),
    summary: z.string().max(50_000).optional(),
    title: z.string().min(1).max(500).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to update' });
export type PatchIncidentBody = z.infer<typeof PatchIncidentBody>;

export interface IncidentResponse {
  incident: Incident;
}

export const MergeBody = z.strictObject({ targetId: z.string().min(1) });
export type MergeBody = z.infer<typeof MergeBody>;

export interface MergeResponse {
  source: Incident;
  target: Incident;
  movedAlerts: number;
}

export const ChatBody = z.strictObject({
  question: z.string().min(1).max(20_000),
  mode: ChatMode.default('ask'),
});
export type ChatBody = z.input<typeof ChatBody>;

/** `POST /api/incidents/:id/chat` answers 202 with this. */
export interface ChatAcceptedResponse {
  sessionId: string;
  messageId: string;
}

export interface ChatSessionResponse {
  session: ChatSession;
  messages: ChatMessage[];
}

export const ApprovalBody = z.strictObject({
  decision: z.enum(['approve', 'deny']),
  reason: z.string().max(2000).optional(),
});
export type ApprovalBody = z.infer<typeof ApprovalBody>;

export const PatchSuggestionBody = z.strictObject({
  userEditedContent: z.string().max(1_000_000).nullable(),
});
export type PatchSuggestionBody = z.infer<typeof PatchSuggestionBody>;

export interface SuggestionResponse {
  suggestion: Suggestion;
}

export interface ApplySuggestionResponse {
  suggestion: Suggestion;
  pullRequest: PullRequestRef;
}

export interface ExecuteSuggestionResponse {
  suggestion: Suggestion;
  citation: Citation;
}

/** `POST /api/webhooks/:source/:integrationId` answers 202 with this. */
export interface WebhookAcceptedResponse {
  accepted: number;
  alerts: Array<{
    id: string;
    fingerprint: string;
    status: 'firing' | 'resolved';
    incidentId: string | null;
    /** The same fingerprint was already active: the existing alert was updated. */
    deduplicated: boolean;
  }>;
  /** Incidents touched, and whether each was created by this request. */
  incidents: Array<{ id: string; created: boolean }>;
}
