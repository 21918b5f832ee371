import { describe, expect, it } from 'vitest';
import { ATTEMPTS } from './__fixtures__/adversarial-attempts.js';
import { createCommandPolicy } from './command-policy.js';

describe('command policy — adversarial suite', () => {
  const policy = createCommandPolicy();

  it('has at least 100 attempts', () => {
    expect(ATTEMPTS.length).toBeGreaterThanOrEqual(100);
  });

  describe.each(['investigation', 'ask'] as const)('%s mode allows none', (mode) => {
    it.each(ATTEMPTS)('%s %j (%s)', (tool, args, _agent, _why) => {
      const decision = policy.check(tool, args, { mode, tenantId: 't1' });
      expect(decision.decision).toBe('deny');
      expect(decision.reason.length).toBeGreaterThan(10);
    });
  });

  describe('agent mode: writes ask for approval, the rest stays denied', () => {
    it.each(ATTEMPTS)('%s %j → %s (%s)', (tool, args, inAgentMode) => {
      expect(policy.check(tool, args, { mode: 'agent', tenantId: 't1' }).decision).toBe(inAgentMode);
    });
  });
});

describe('pipes inside a KQL query', () => {
  const policy = createCommandPolicy();
  it('are accepted only as the value of az --analytics-query, and never with other shell syntax', () => {
    const base = ['monitor', 'log-analytics', 'query', '-w', 'ws'];
    expect(
      policy.check('az', [...base, '--analytics-query', 'AppExceptions | take 10'], { mode: 'ask' }).decision,
    ).toBe('allow');
    expect(policy.check('az', [...base, '--analytics-query=T | take 5'], { mode: 'ask' }).decision).toBe(
      'allow',
    );
    for (const q of ['T | take 5; az group delete', 'T || id', 'T | take $(id)', 'T | take 5\nid']) {
      expect(policy.check('az', [...base, '--analytics-query', q], { mode: 'ask' }).decision).toBe('deny');
    }
    expect(policy.check('az', [...base, '--analytics-query', 'T', '|', 'sh'], { mode: 'ask' }).decision).toBe(
      'deny',
    );
  });
});
