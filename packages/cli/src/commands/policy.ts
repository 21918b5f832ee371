import { isAbsolute, resolve } from 'node:path';
import { AuroraError, type CommandPolicyOptions, createCommandPolicy } from '@aurora-rca/core';
import type { RegisterCommand } from '../io.js';

const MODES = ['investigation', 'ask', 'agent'] as const;
type Mode = (typeof MODES)[number];

interface CheckFlags {
  mode: string;
  tenant?: string;
  rules?: string;
}

/**
 * `aurora policy check [--mode ask|agent|investigation] [--tenant id] [--rules file] -- <tool> <args...>`
 * prints the command policy's decision as `{ "decision", "reason" }` JSON and exits 0
 * whatever the decision, so an operator can see what the agent would be allowed to run.
 * Usage errors (unknown mode, unreadable rules file) exit 2.
 */
export const registerPolicy: RegisterCommand = (program, io, setExit) => {
  const policy = program
    .command('policy')
    .description('Inspect the command policy that guards diagnostic tools');
  policy
    .command('check')
    .description(
      'Print the decision for one command: aurora policy check --mode ask -- kubectl get pods -n shop',
    )
    .argument('<tool>', 'kubectl, gcloud, aws or az')
    .argument('[args...]', 'the arguments, after --, without the program name')
    .option('--mode <mode>', `who would run it: ${MODES.join(', ')}`, 'ask')
    .option('--tenant <id>', 'tenant whose extra rules apply')
    .option('--rules <file>', 'JSON file with policy options ({ "rules": [...], "tenantRules": {...} })')
    .action(async (tool: string, args: string[], flags: CheckFlags) => {
      try {
        if (!MODES.includes(flags.mode as Mode)) {
          throw new AuroraError('INVALID_INPUT', `unknown mode "${flags.mode}" (use ${MODES.join(', ')})`);
        }
        let options: CommandPolicyOptions = {};
        if (flags.rules) {
          const path = isAbsolute(flags.rules) ? flags.rules : resolve(io.cwd, flags.rules);
          options = JSON.parse(await io.readInput(path)) as CommandPolicyOptions;
        }
        const decision = createCommandPolicy(options).check(tool, args, {
          mode: flags.mode as Mode,
          ...(flags.tenant ? { tenantId: flags.tenant } : {}),
        });
        io.stdout(`${JSON.stringify({ decision: decision.decision, reason: decision.reason })}\n`);
        setExit(0);
      } catch (error) {
        io.stderr(`aurora policy check: ${(error as Error).message.replace(/\s+/g, ' ')}\n`);
        setExit(2);
      }
    });
};
