import type { IncidentEvent, IncidentEventDraft } from '../model/index.js';
import type { EventBus } from '../spec/event-bus.js';
import type { EventLogRepository } from '../spec/storage.js';

/**
 * Stores an event in the log (which assigns its id) and then fans it out on the bus.
 * Everything that changes state publishes through one of these, so SSE clients can resume
 * from the log with `Last-Event-ID` and never miss what the bus delivered.
 */
export interface EventPublisher {
  publish(draft: IncidentEventDraft): Promise<IncidentEvent>;
}

export function createEventPublisher(events: EventLogRepository, bus: EventBus | undefined): EventPublisher {
  return {
    async publish(draft) {
      const event = await events.append(draft);
      if (bus) await bus.publish(event);
      return event;
    },
  };
}
