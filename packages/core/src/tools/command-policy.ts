import { z } from 'zod';
import { AuroraError } from '../errors.js';
import type { PolicyDecision, ToolMode } from '../spec/tool.js';
import { argvProblem } from './argv-guards.js';
import type { CommandClassification, CommandClassifier } from './classification.js';
import { classifyAws } from './policy-aws.js';
import { classifyAz } from './policy-az.js';
import { classifyGcloud } from './policy-gcloud.js';
import { classifyKubectl } from './policy-kubectl.js';

/**
 * A tenant's extra rule. `command` is matched as a prefix of the command's lower-cased
 * positional words (`['rollout', 'restart']` matches `kubectl rollout restart deploy/web`).
 * - `deny` always wins.
 * - `allow` vouches that the command only reads: it runs in every mode.
 * - `ask` marks it as a write: it runs only in agent mode, after a person approves it.
 *
 * Rules never relax the invariants: shell syntax, non-ASCII, credential flags and secret
 * reads are refused whatever the rules say.
 */
export const PolicyRule = z.strictObject({
  tool: z.string().min(1),
  command: z.array(z.string().min(1)).min(1),
  decision: z.enum(['allow', 'ask', 'deny']),
  reason: z.string().optional(),
});
export type PolicyRule = z.infer<typeof PolicyRule>;

/** Options of {@link createCommandPolicy}. */
export const CommandPolicyOptions = z.strictObject({
  /** Rules for every tenant. */
  rules: z.array(PolicyRule).default([]),
  /** Extra rules per tenant id, checked before the shared `rules`. */
  tenantRules: z.record(z.string(), z.array(PolicyRule)).default({}),
});
export type CommandPolicyOptions = z.input<typeof CommandPolicyOptions>;

/** Where and for whom a command is checked. */
export interface PolicyCheckContext {
  mode: ToolMode;
  tenantId?: string;
}

/** Parses argv per CLI and decides `allow`, `ask` or `deny`, with a reason for people and the model. */
export interface CommandPolicy {
  /** The CLIs this policy knows (`kubectl`, `gcloud`, `aws`, `az`). */
  readonly tools: readonly string[];
  /** Decides one command. `args` excludes the program name. Never throws. */
  check(tool: string, args: readonly string[], context: PolicyCheckContext): PolicyDecision;
  /** The mode-independent classification (`read`, `write`, `deny`), after tenant rules. */
  classify(tool: string, args: readonly string[], tenantId?: string): CommandClassification;
}

const CLASSIFIERS: Record<string, CommandClassifier> = {
  kubectl: classifyKubectl,
  gcloud: classifyGcloud,
  aws: classifyAws,
  az: classifyAz,
};

/** Query-language flags whose values may use a single `|` (KQL, CloudWatch Logs Insights). */
const PIPE_FLAGS: Record<string, string[]> = { az: ['--analytics-query'], aws: ['--query-string'] };

/**
 * Creates the command policy used by every command-line tool.
 *
 * Modes: `investigation` and `ask` run reads only — a write is `deny`. `agent` answers `ask`
 * for a write; the tool then runs only with an {@link ApprovalGrant} for that exact argv.
 *
 * @example
 * ```ts
 * const policy = createCommandPolicy({
 *   tenantRules: { acme: [{ tool: 'kubectl', command: ['rollout', 'restart'], decision: 'ask' }] },
 * });
 * policy.check('kubectl', ['get', 'pods', '-n', 'shop'], { mode: 'investigation' });
 * // { decision: 'allow', reason: 'kubectl get is read-only' }
 * ```
 * @throws AuroraError `INVALID_INPUT` when the options are malformed.
 */
export function createCommandPolicy(options: CommandPolicyOptions = {}): CommandPolicy {
  const parsed = CommandPolicyOptions.safeParse(options);
  if (!parsed.success) {
    throw new AuroraError('INVALID_INPUT', `Invalid command policy options: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  const { rules, tenantRules } = parsed.data;

  function classify(tool: string, args: readonly string[], tenantId?: string): CommandClassification {
    const classifier = CLASSIFIERS[tool];
    if (!classifier)
      return { kind: 'deny', reason: `no policy for the tool "${tool}"`, words: [], hard: true };
    const problem = argvProblem(args, PIPE_FLAGS[tool]);
    if (problem) return { kind: 'deny', reason: problem, words: [], hard: true };
    const base = classifier(args);
    if (base.hard) return base;
    const applicable = [...((tenantId && tenantRules[tenantId]) || []), ...rules].filter(
      (r) => r.tool === tool && r.command.every((w, i) => base.words[i] === w.toLowerCase()),
    );
    const denyRule = applicable.find((r) => r.decision === 'deny');
    const rule = denyRule ?? applicable[0];
    if (!rule) return base;
    const reason =
      rule.reason ?? `${rule.decision} by a configured rule for "${tool} ${rule.command.join(' ')}"`;
    const kind = rule.decision === 'allow' ? 'read' : rule.decision === 'ask' ? 'write' : 'deny';
    return { kind, reason, words: base.words };
  }

  return {
    tools: Object.keys(CLASSIFIERS),
    classify,
    check(tool, args, context) {
      const c = classify(tool, args, context.tenantId);
      if (c.kind === 'read') return { decision: 'allow', reason: c.reason };
      if (c.kind === 'deny') return { decision: 'deny', reason: c.reason };
      if (context.mode === 'agent') {
        return {
          decision: 'ask',
          reason: `${c.reason}; it runs only after a person approves this exact command`,
        };
      }
      return {
        decision: 'deny',
        reason: `${c.reason}; writes are refused in ${context.mode} mode (only agent mode may run them, after approval)`,
      };
    },
  };
}
