import { describe, expect, it } from 'vitest';
import { AuroraError } from '../errors.js';
import type { AlertInput } from '../model/index.js';
import { withConflictRetry } from './conflict-retry.js';
import { fixtureAlerts, harness, TENANT } from './test-harness.js';

describe('withConflictRetry', () => {
  it('re-runs on CONFLICT only, up to the attempt limit', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw new AuroraError('CONFLICT', 'version changed');
      return 'ok';
    };
    await expect(withConflictRetry(flaky)).resolves.toBe('ok');
    expect(calls).toBe(3);

    calls = 0;
    const always = async () => {
      calls++;
      throw new AuroraError('CONFLICT', 'version changed');
    };
    await expect(withConflictRetry(always, 2)).rejects.toThrow('version changed');
    expect(calls).toBe(2);

    calls = 0;
    const other = async () => {
      calls++;
      throw new AuroraError('NOT_FOUND', 'gone');
    };
    await expect(withConflictRetry(other)).rejects.toThrow('gone');
    expect(calls).toBe(1);
  });

  it('lets a merge that lost a version race re-read and complete without losing alerts', async () => {
    const h = harness();
    const [cpu] = fixtureAlerts('alertmanager', 'v4-firing-two-alerts-critical') as [AlertInput];
    const [pd] = fixtureAlerts('pagerduty', 'v3-incident-triggered') as [AlertInput];
    await h.deliver([cpu, pd]);
    const [a, b] = await h.incidents();
    // A concurrent writer bumps the source's version between this merge's read and its claim.
    const original = h.storage.transaction.bind(h.storage);
    let raced = false;
    h.storage.transaction = (fn) =>
      original((tx) => {
        const incidents = Object.create(tx.incidents);
        incidents.update = async (...args: Parameters<typeof tx.incidents.update>) => {
          if (!raced && args[3]?.ifVersion !== undefined) {
            raced = true;
            throw new AuroraError('CONFLICT', 'version changed');
          }
          return tx.incidents.update(...args);
        };
        return fn({ ...tx, incidents });
      });
    const res = await h.pipeline.merge(TENANT, a!.id, b!.id);
    expect(raced).toBe(true);
    expect(res).toMatchObject({ movedAlerts: 1, target: { alertCount: 2 }, source: { status: 'merged' } });
  });
});
