import { EventEmitter } from 'eventemitter3';
import type { IncidentEvent } from '../model/index.js';
import { type EventBus, type EventFilter, matchesFilter } from '../spec/event-bus.js';

/** Options of {@link inProcessEventBus}. */
export interface InProcessEventBusOptions {
  /** Called when a listener throws; the error never reaches the publisher. @default ignore */
  onListenerError?: (error: unknown, event: IncidentEvent) => void;
}

/**
 * The in-process {@link EventBus} on eventemitter3: one channel per tenant, so a listener
 * only ever sees its own tenant's events, narrowed further by `filter` (incident, types).
 * Delivery is synchronous and in publish order; a throwing listener does not stop the others.
 *
 * @example
 * ```ts
 * const bus = inProcessEventBus();
 * const off = bus.subscribe('acme', { incidentId }, (event) => send(event));
 * ```
 */
export function inProcessEventBus(options: InProcessEventBusOptions = {}): EventBus {
  const emitter = new EventEmitter();
  let closed = false;
  return {
    specificationVersion: 'v1',
    async publish(event) {
      if (closed) return;
      emitter.emit(`tenant:${event.tenantId}`, event);
    },
    subscribe(tenantId: string, filter: EventFilter, listener: (event: IncidentEvent) => void) {
      const channel = `tenant:${tenantId}`;
      const wrapped = (event: IncidentEvent) => {
        if (event.tenantId !== tenantId || !matchesFilter(event, filter)) return;
        try {
          listener(event);
        } catch (error) {
          options.onListenerError?.(error, event);
        }
      };
      emitter.on(channel, wrapped);
      return () => {
        emitter.off(channel, wrapped);
      };
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
    },
  };
}
