import type { IncidentEvent, IncidentEventType } from '../model/index.js';

export interface EventFilter {
  incidentId?: string;
  types?: IncidentEventType[];
}

/**
 * Event bus contract, version 1. Events are already stored in the event log (with ids) when
 * published; the bus only fans them out. In-process on eventemitter3; across processes on
 * LISTEN/NOTIFY (storage-postgres).
 */
export interface EventBusV1 {
  readonly specificationVersion: 'v1';
  publish(event: IncidentEvent): Promise<void>;
  /** Returns an unsubscribe function. Only events of `tenantId` are delivered. */
  subscribe(tenantId: string, filter: EventFilter, listener: (event: IncidentEvent) => void): () => void;
  close(): Promise<void>;
}
export type EventBus = EventBusV1;

export function matchesFilter(event: IncidentEvent, filter: EventFilter): boolean {
  if (filter.incidentId && event.incidentId !== filter.incidentId) return false;
  if (filter.types && !filter.types.includes(event.type)) return false;
  return true;
}
