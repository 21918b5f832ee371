import { z } from 'zod';
import { StoredAlert } from './alert.js';
import { ChatMessage, ChatSession } from './chat.js';
import { Citation } from './citation.js';
import { Timestamp } from './common.js';
import { Incident } from './incident.js';
import { Postmortem } from './postmortem.js';
import { Suggestion } from './suggestion.js';
import { Thought } from './thought.js';

const head = {
  /** Assigned by the event log; increasing per tenant. SSE uses it as the event id. */
  id: z.string(),
  tenantId: z.string(),
  incidentId: z.string().nullable(),
  at: Timestamp,
};

/**
 * Everything the bus publishes. Events carry the record as it is after the change, so a
 * subscriber never needs a second read.
 */
export const IncidentEvent = z.discriminatedUnion('type', [
  z.object({ ...head, type: z.literal('incident.created'), incident: Incident }),
  z.object({ ...head, type: z.literal('incident.updated'), incident: Incident, changes: z.array(z.string()) }),
  z.object({ ...head, type: z.literal('incident.merged'), incident: Incident, targetId: z.string() }),
  z.object({ ...head, type: z.literal('alert.correlated'), alert: StoredAlert }),
  z.object({ ...head, type: z.literal('alert.updated'), alert: StoredAlert }),
  z.object({ ...head, type: z.literal('thought'), thoughts: z.array(Thought) }),
  z.object({ ...head, type: z.literal('citation'), citation: Citation }),
  z.object({ ...head, type: z.literal('suggestion'), suggestion: Suggestion }),
  z.object({ ...head, type: z.literal('chat.session'), session: ChatSession }),
  z.object({ ...head, type: z.literal('chat.message'), message: ChatMessage }),
  z.object({ ...head, type: z.literal('postmortem'), postmortem: Postmortem }),
]);
export type IncidentEvent = z.infer<typeof IncidentEvent>;
export type IncidentEventType = IncidentEvent['type'];

/** An event before the log assigned its id. */
export type IncidentEventDraft = IncidentEvent extends infer E ? (E extends IncidentEvent ? Omit<E, 'id'> : never) : never;
