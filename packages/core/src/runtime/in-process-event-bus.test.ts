import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../model/index.js';
import { inProcessEventBus } from './in-process-event-bus.js';

function event(
  tenantId: string,
  incidentId: string,
  type: 'thought' | 'citation' = 'thought',
): IncidentEvent {
  const head = { id: '1', tenantId, incidentId, at: '2026-01-01T00:00:00.000Z' };
  if (type === 'thought') return { ...head, type, thoughts: [] };
  return {
    ...head,
    type,
    citation: {
      id: 'c',
      tenantId,
      incidentId,
      key: '1',
      toolName: 'kubectl',
      command: 'kubectl get pods',
      output: '',
      status: 'ok',
      reason: null,
      executedAt: head.at,
      durationMs: 1,
      origin: 'investigation',
      clientKey: null,
    },
  };
}

describe('inProcessEventBus', () => {
  it('delivers only the subscriber tenant events, narrowed by the filter', async () => {
    const bus = inProcessEventBus();
    const all: IncidentEvent[] = [];
    const oneIncidentCitations: IncidentEvent[] = [];
    bus.subscribe('acme', {}, (e) => all.push(e));
    bus.subscribe('acme', { incidentId: 'inc_1', types: ['citation'] }, (e) => oneIncidentCitations.push(e));
    await bus.publish(event('acme', 'inc_1'));
    await bus.publish(event('acme', 'inc_1', 'citation'));
    await bus.publish(event('acme', 'inc_2', 'citation'));
    await bus.publish(event('other', 'inc_1', 'citation'));
    expect(all.map((e) => `${e.incidentId}:${e.type}`)).toEqual([
      'inc_1:thought',
      'inc_1:citation',
      'inc_2:citation',
    ]);
    expect(oneIncidentCitations).toHaveLength(1);
  });

  it('unsubscribes, survives a throwing listener and stops after close', async () => {
    const errors: unknown[] = [];
    const bus = inProcessEventBus({ onListenerError: (e) => errors.push(e) });
    const got: IncidentEvent[] = [];
    bus.subscribe('acme', {}, () => {
      throw new Error('listener bug');
    });
    const off = bus.subscribe('acme', {}, (e) => got.push(e));
    await bus.publish(event('acme', 'inc_1'));
    off();
    await bus.publish(event('acme', 'inc_1'));
    expect(got).toHaveLength(1);
    expect(errors).toHaveLength(2);
    await bus.close();
    await bus.publish(event('acme', 'inc_1'));
    expect(errors).toHaveLength(2);
  });
});
