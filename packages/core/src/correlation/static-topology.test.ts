import { describe, expect, it } from 'vitest';
import { staticTopology } from './static-topology.js';

describe('staticTopology', () => {
  const topology = staticTopology({
    dependencies: {
      Checkout: ['payments', 'inventory'],
      payments: ['ledger'],
      ledger: ['postgres'],
      web: ['checkout'],
    },
  });

  it('walks dependencies downstream and callers upstream with distances', async () => {
    expect(await topology.neighbours('t', 'checkout')).toEqual([
      { service: 'payments', distance: 1, direction: 'downstream' },
      { service: 'inventory', distance: 1, direction: 'downstream' },
      { service: 'ledger', distance: 2, direction: 'downstream' },
      { service: 'postgres', distance: 3, direction: 'downstream' },
      { service: 'web', distance: 1, direction: 'upstream' },
    ]);
    expect(await topology.neighbours('t', 'unknown')).toEqual([]);
  });

  it('rejects a malformed graph', () => {
    expect(() => staticTopology({ deps: {} } as never)).toThrow(/Invalid topology/);
  });
});
