import type {
  ApplySuggestionResponse,
  ApprovalBody,
  ChatAcceptedResponse,
  ChatBody,
  ChatSessionResponse,
  CreateIncidentBody,
  ExecuteSuggestionResponse,
  IncidentDetailResponse,
  IncidentListResponse,
  IncidentResponse,
  MergeResponse,
  PatchIncidentBody,
  SuggestionResponse,
} from '../http/wire.js';
import type { IncidentStatus } from '../model/lifecycle.js';
import type { Transport } from './transport.js';

/** Per-call options of every API method. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Filters of `GET /api/incidents`. */
export interface ListIncidentsParams {
  /** One status or several (sent comma-separated). Merged incidents are excluded unless asked for. */
  status?: IncidentStatus | readonly IncidentStatus[];
  /** Page size. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** `POST /api/incidents/:id/chat` arguments. */
export interface AskChatParams extends ChatBody {
  /** Continue this session; omitted starts a new one. */
  sessionId?: string | null;
}

/**
 * One method per HTTP route. Every method throws an `AuroraError` carrying the server's
 * `code` (`NOT_FOUND`, `INVALID_TRANSITION`, …) on a non-2xx answer.
 */
export interface AuroraApi {
  /** `GET /api/incidents` */
  listIncidents(params?: ListIncidentsParams, options?: CallOptions): Promise<IncidentListResponse>;
  /** `POST /api/incidents`: opens an incident from free text and investigates it. */
  createIncident(body: CreateIncidentBody, options?: CallOptions): Promise<IncidentResponse>;
  /** `GET /api/incidents/:id` */
  getIncident(id: string, options?: CallOptions): Promise<IncidentDetailResponse>;
  /** `PATCH /api/incidents/:id` (resolving generates the postmortem). */
  updateIncident(id: string, patch: PatchIncidentBody, options?: CallOptions): Promise<IncidentResponse>;
  /** `POST /api/incidents/:id/merge`: merges incident `id` into `targetId`. */
  mergeIncident(id: string, targetId: string, options?: CallOptions): Promise<MergeResponse>;
  /** `POST /api/incidents/:id/chat?session_id=`: answers 202; the answer streams as `chat.message` events. */
  askChat(incidentId: string, params: AskChatParams, options?: CallOptions): Promise<ChatAcceptedResponse>;
  /** `GET /api/chat/sessions/:id` */
  getChatSession(sessionId: string, options?: CallOptions): Promise<ChatSessionResponse>;
  /** `POST /api/chat/sessions/:id/approvals/:approvalId`: approve or deny a pending write. */
  decideApproval(
    sessionId: string,
    approvalId: string,
    body: ApprovalBody,
    options?: CallOptions,
  ): Promise<void>;
  /** `PATCH /api/suggestions/:id`: saves a person's edit of a fix (`null` reverts to the suggestion). */
  editSuggestion(
    id: string,
    userEditedContent: string | null,
    options?: CallOptions,
  ): Promise<SuggestionResponse>;
  /** `POST /api/suggestions/:id/apply`: opens the fix's pull request. */
  applySuggestion(id: string, options?: CallOptions): Promise<ApplySuggestionResponse>;
  /** `POST /api/suggestions/:id/execute`: runs a diagnostic command; its output is a new citation. */
  executeSuggestion(id: string, options?: CallOptions): Promise<ExecuteSuggestionResponse>;
}

const seg = encodeURIComponent;

/** Builds the {@link AuroraApi} over a transport. */
export function createApi(transport: Transport): AuroraApi {
  const signal = (o?: CallOptions) => (o?.signal ? { signal: o.signal } : {});
  return {
    listIncidents: (params = {}, o) =>
      transport.json({
        path: '/api/incidents',
        query: { status: params.status, limit: params.limit, cursor: params.cursor },
        ...signal(o),
      }),
    createIncident: (body, o) =>
      transport.json({ method: 'POST', path: '/api/incidents', body, ...signal(o) }),
    getIncident: (id, o) => transport.json({ path: `/api/incidents/${seg(id)}`, ...signal(o) }),
    updateIncident: (id, patch, o) =>
      transport.json({ method: 'PATCH', path: `/api/incidents/${seg(id)}`, body: patch, ...signal(o) }),
    mergeIncident: (id, targetId, o) =>
      transport.json({
        method: 'POST',
        path: `/api/incidents/${seg(id)}/merge`,
        body: { targetId },
        ...signal(o),
      }),
    askChat: (incidentId, { sessionId, question, mode }, o) =>
      transport.json({
        method: 'POST',
        path: `/api/incidents/${seg(incidentId)}/chat`,
        query: { session_id: sessionId },
        body: { question, ...(mode ? { mode } : {}) },
        ...signal(o),
      }),
    getChatSession: (sessionId, o) =>
      transport.json({ path: `/api/chat/sessions/${seg(sessionId)}`, ...signal(o) }),
    decideApproval: async (sessionId, approvalId, body, o) => {
      await transport.json({
        method: 'POST',
        path: `/api/chat/sessions/${seg(sessionId)}/approvals/${seg(approvalId)}`,
        body,
        ...signal(o),
      });
    },
    editSuggestion: (id, userEditedContent, o) =>
      transport.json({
        method: 'PATCH',
        path: `/api/suggestions/${seg(id)}`,
        body: { userEditedContent },
        ...signal(o),
      }),
    applySuggestion: (id, o) =>
      transport.json({ method: 'POST', path: `/api/suggestions/${seg(id)}/apply`, ...signal(o) }),
    executeSuggestion: (id, o) =>
      transport.json({ method: 'POST', path: `/api/suggestions/${seg(id)}/execute`, ...signal(o) }),
  };
}
