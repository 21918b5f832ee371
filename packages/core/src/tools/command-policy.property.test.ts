import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCommandPolicy } from './command-policy.js';

const policy = createCommandPolicy();
const tools = fc.constantFrom('kubectl', 'gcloud', 'aws', 'az');
const word = fc.string({ maxLength: 20 });
const readPrefix: Record<string, string[]> = {
  kubectl: ['get', 'pods'],
  gcloud: ['compute', 'instances', 'list'],
  aws: ['ec2', 'describe-instances'],
  az: ['vm', 'list'],
};
const SHELL = [';', '|', '&', '`', '$', '\n', '\r', '>>', '<(', '\u0435', '\u200b'];

describe('command policy properties', () => {
  it('never throws and always gives a decision with a reason, whatever the argv', () => {
    fc.assert(
      fc.property(
        tools,
        fc.array(word, { maxLength: 12 }),
        fc.constantFrom('investigation', 'ask', 'agent'),
        (tool, args, mode) => {
          const d = policy.check(tool, args, { mode: mode as 'ask' });
          expect(['allow', 'ask', 'deny']).toContain(d.decision);
          expect(d.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never answers ask outside agent mode', () => {
    fc.assert(
      fc.property(
        tools,
        fc.array(word, { maxLength: 8 }),
        fc.constantFrom('investigation', 'ask'),
        (tool, args, mode) => {
          expect(policy.check(tool, args, { mode: mode as 'ask' }).decision).not.toBe('ask');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('denies a read in every mode once any argument carries shell syntax or non-ASCII', () => {
    fc.assert(
      fc.property(tools, word, fc.constantFrom(...SHELL), word, fc.nat(3), (tool, before, bad, after, at) => {
        const args = [...(readPrefix[tool] as string[])];
        args.splice(Math.min(at, args.length), 0, `${before}${bad}${after}`);
        expect(policy.check(tool, args, { mode: 'agent' }).decision).toBe('deny');
      }),
      { numRuns: 2000 },
    );
  });
});
