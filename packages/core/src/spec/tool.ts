import type { z } from 'zod';
import { AuroraError } from '../errors.js';

/** Who is asking: the background investigation, a chat session in ask or agent mode. */
export type ToolMode = 'investigation' | 'ask' | 'agent';

export type PolicyDecisionKind = 'allow' | 'ask' | 'deny';

/** A command policy's verdict, returned to the model and shown to people. */
export interface PolicyDecision {
  decision: PolicyDecisionKind;
  reason: string;
}

/** A person's recorded approval for one exact command. */
export interface ApprovalGrant {
  approvalId: string;
  approvedBy: string;
  approvedAt: string;
  tool: string;
  args: string[];
}

export interface ToolContext {
  tenantId: string;
  incidentId?: string;
  mode: ToolMode;
  signal: AbortSignal;
  /** Per-call time limit. */
  timeoutMs: number;
  /** An approval for this exact call, when a person gave one. */
  approval?: ApprovalGrant;
}

/** What a tool returns. `output` is redacted by the engine before anyone sees it. */
export interface ToolResult {
  status: 'ok' | 'error' | 'empty';
  output: string;
  /** Display form of what ran (`kubectl get pods -n shop`). */
  command: string;
  /** Why it failed, was denied, or needs approval. */
  reason?: string;
  decision?: PolicyDecision;
  exitCode?: number;
  truncated?: boolean;
}

/**
 * Tool contract, version 1. `access` is the most a tool can do; command tools classify
 * each call with `classify` (the command policy) before `run`.
 */
export interface ToolV1<Input = any> {
  readonly specificationVersion: 'v1';
  readonly name: string;
  readonly description: string;
  readonly input: z.ZodType<Input>;
  readonly access: 'read' | 'write';
  /** Display form of a call, for citations and approvals. */
  describe(input: Input): string;
  /** Policy verdict for this call in this mode. Read tools without it are always `allow`. */
  classify?(input: Input, context: Pick<ToolContext, 'tenantId' | 'mode'>): PolicyDecision;
  run(input: Input, context: ToolContext): Promise<ToolResult>;
}
export type Tool<Input = any> = ToolV1<Input>;

/** @throws AuroraError `UNSUPPORTED_VERSION` */
export function resolveTool(tool: { specificationVersion?: string; name?: string }): Tool {
  if (tool?.specificationVersion !== 'v1') {
    throw new AuroraError('UNSUPPORTED_VERSION', `Tool ${String(tool?.name)} has an unsupported specificationVersion`);
  }
  return tool as Tool;
}
