import type { IncidentDetailResponse } from '../http/wire.js';
import type { StoredAlert } from '../model/alert.js';
import type { ChatSession } from '../model/chat.js';
import type { Citation } from '../model/citation.js';
import type { IncidentEvent } from '../model/event.js';
import type { Incident } from '../model/incident.js';
import type { Suggestion } from '../model/suggestion.js';
import type { Thought } from '../model/thought.js';
import { compareKeys, reconcile, upsertOrdered } from './records.js';

const bySeq = (t: Thought) => t.seq;
const byKey = (c: Citation) => c.key;
const byCreated = (r: { createdAt: string }) => Date.parse(r.createdAt) || 0;
const byReceived = (a: StoredAlert) => Date.parse(a.receivedAt) || 0;
const keepExisting = () => false;

/** True when `next` is a newer (or equal) version of the same incident. */
export function isNewerIncident(current: Incident, next: Incident): boolean {
  if (next.version !== current.version) return next.version > current.version;
  return next.updatedAt >= current.updatedAt;
}

/**
 * Applies one streamed event to an incident's detail. Pure; returns `detail` itself when the
 * event does not concern it (another incident, a duplicate). Thoughts are ordered by `seq`,
 * citations by `key`, and deduplicated by id, so a replay after reconnect is harmless.
 * Chat messages are not part of the detail (see the chat store).
 */
export function applyIncidentEvent(
  detail: IncidentDetailResponse,
  event: IncidentEvent,
): IncidentDetailResponse {
  const id = detail.incident.id;
  switch (event.type) {
    case 'incident.created':
    case 'incident.updated':
    case 'incident.merged': {
      if (event.incident.id === id) {
        if (!isNewerIncident(detail.incident, event.incident) || event.incident === detail.incident)
          return detail;
        return { ...detail, incident: event.incident };
      }
      if (event.type === 'incident.merged' && event.targetId === id) {
        const mergedFrom = upsertOrdered(detail.mergedFrom, [event.incident], byCreated);
        return mergedFrom === detail.mergedFrom ? detail : { ...detail, mergedFrom };
      }
      return detail;
    }
    case 'alert.correlated':
    case 'alert.updated': {
      const alert = event.alert;
      if (alert.incidentId !== id) {
        // Moved away (merge): drop it from this incident.
        const alerts = detail.alerts.filter((a) => a.id !== alert.id);
        return alerts.length === detail.alerts.length ? detail : { ...detail, alerts };
      }
      const alerts = upsertOrdered(detail.alerts, [alert], byReceived);
      return alerts === detail.alerts ? detail : { ...detail, alerts };
    }
    case 'thought': {
      const mine = event.thoughts.filter((t) => t.incidentId === id);
      const thoughts = upsertOrdered(detail.thoughts, mine, bySeq, keepExisting);
      return thoughts === detail.thoughts ? detail : { ...detail, thoughts };
    }
    case 'citation': {
      if (event.citation.incidentId !== id) return detail;
      const citations = upsertOrdered(detail.citations, [event.citation], byKey, keepExisting);
      return citations === detail.citations ? detail : { ...detail, citations };
    }
    case 'suggestion': {
      if (event.suggestion.incidentId !== id) return detail;
      const suggestions = upsertOrdered<Suggestion>(detail.suggestions, [event.suggestion], byCreated);
      return suggestions === detail.suggestions ? detail : { ...detail, suggestions };
    }
    case 'chat.session': {
      if (event.session.incidentId !== id) return detail;
      const chatSessions = upsertOrdered<ChatSession>(detail.chatSessions, [event.session], byCreated);
      return chatSessions === detail.chatSessions ? detail : { ...detail, chatSessions };
    }
    case 'postmortem': {
      const pm = event.postmortem;
      if (pm.incidentId !== id || (detail.postmortem && detail.postmortem.version >= pm.version))
        return detail;
      return { ...detail, postmortem: pm };
    }
    default:
      return detail;
  }
}

/**
 * Merges a refetched detail into the current one: immutable records (thoughts, citations)
 * keep their object identity so rendered rows do not re-render.
 */
export function reconcileDetail(
  previous: IncidentDetailResponse | null,
  fresh: IncidentDetailResponse,
): IncidentDetailResponse {
  const sorted = {
    ...fresh,
    thoughts: [...fresh.thoughts].sort((a, b) => a.seq - b.seq),
    citations: [...fresh.citations].sort((a, b) => compareKeys(a.key, b.key)),
  };
  if (!previous || previous.incident.id !== fresh.incident.id) return sorted;
  return {
    ...sorted,
    thoughts: reconcile(previous.thoughts, sorted.thoughts, true),
    citations: reconcile(previous.citations, sorted.citations, true),
  };
}
