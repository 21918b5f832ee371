import { AuroraError } from '../errors.js';
import type { PolicyDecision, Tool, ToolContext, ToolResult } from '../spec/tool.js';
import { type Clock, systemClock } from '../util/clock.js';
import { approvalMatches } from './approval.js';
import { defaultRedactor, type Redactor } from './redaction.js';
import { truncateOutput } from './truncate.js';

/** Options of {@link executeTool}. */
export interface ExecuteToolOptions {
  /** Applied to output, command and reason. @default defaultRedactor */
  redactor?: Redactor;
  /** Characters of output kept (head and tail, with a marker between). @default 20_000 */
  maxOutputChars?: number;
  /** @default systemClock */
  clock?: Clock;
}

/** A {@link ToolResult} with when it ran and how long it took — what a citation records. */
export interface ExecutedToolResult extends ToolResult {
  /** Always set: the policy verdict for this call. */
  decision: PolicyDecision;
  startedAt: string;
  durationMs: number;
}

/**
 * The one way Aurora runs a tool: validate the input, apply the policy, run with a timeout
 * and the caller's `AbortSignal`, redact, truncate, and map blank output to `empty`.
 * Never throws: every failure is a `status: 'error'` result with a `reason`.
 *
 * - `deny` → not run; `reason` is the policy's.
 * - `ask` → run only in agent mode with `context.approval` for this exact call; otherwise
 *   not run, `reason` starts with "approval required".
 *
 * @example
 * ```ts
 * const result = await executeTool(kubectl, { args: ['get', 'pods', '-n', 'shop'] }, {
 *   tenantId, mode: 'investigation', signal, timeoutMs: 30_000,
 * });
 * if (result.status === 'ok') cite(result.command, result.output);
 * ```
 */
export async function executeTool(
  tool: Tool,
  rawInput: unknown,
  context: ToolContext,
  options: ExecuteToolOptions = {},
): Promise<ExecutedToolResult> {
  const clock = options.clock ?? systemClock;
  const redactor = options.redactor ?? defaultRedactor;
  const maxChars = options.maxOutputChars ?? 20_000;
  const started = clock.now();
  const finish = (result: ToolResult, decision: PolicyDecision): ExecutedToolResult => {
    const { text, truncated } = truncateOutput(redactor.redact(result.output), maxChars);
    const status = result.status === 'ok' && text.trim() === '' ? 'empty' : result.status;
    return {
      ...result,
      status,
      output: text,
      command: redactor.redact(result.command),
      ...(result.reason === undefined ? {} : { reason: redactor.redact(result.reason) }),
      decision: { decision: decision.decision, reason: redactor.redact(decision.reason) },
      truncated: truncated || result.truncated === true,
      startedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, clock.now() - started),
    };
  };

  const parsed = tool.input.safeParse(rawInput);
  if (!parsed.success) {
    const reason = `invalid input for ${tool.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
    return finish(
      { status: 'error', output: '', command: `${tool.name} ${safeJson(rawInput)}`, reason },
      { decision: 'deny', reason: 'the input did not validate, so the policy was not consulted' },
    );
  }
  const input = parsed.data;
  const command = describe(tool, input);
  let decision: PolicyDecision;
  try {
    decision = decideCall(tool, input, context);
  } catch (error) {
    // A policy that fails closes the door.
    decision = {
      decision: 'deny',
      reason: `policy check failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (decision.decision === 'deny') {
    return finish({ status: 'error', output: '', command, reason: decision.reason, decision }, decision);
  }
  if (decision.decision === 'ask' && !approvalMatches(context.approval, tool, input)) {
    const reason = `approval required: ${decision.reason}`;
    return finish({ status: 'error', output: '', command, reason, decision }, decision);
  }
  if (context.signal.aborted) {
    return finish({ status: 'error', output: '', command, reason: 'cancelled before it ran' }, decision);
  }

  const controller = new AbortController();
  const onAbort = () => controller.abort(new AuroraError('CANCELLED', 'cancelled'));
  context.signal.addEventListener('abort', onAbort, { once: true });
  const timeoutMs = effectiveTimeout(context.timeoutMs);
  const timer = setTimeout(
    () => controller.abort(new AuroraError('TIMEOUT', `timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    const running = Promise.resolve().then(() =>
      tool.run(input, { ...context, timeoutMs, signal: controller.signal }),
    );
    running.catch(() => undefined);
    const result = await Promise.race([running, aborted]);
    return finish({ ...result, command: result.command || command }, decision);
  } catch (error) {
    const reason = AuroraError.isInstance(error)
      ? error.message
      : `${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`;
    return finish({ status: 'error', output: '', command, reason }, decision);
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The verdict for one call: the tool's own `classify`, or by `access` for tools without it.
 * An `ask` outside agent mode is turned into `deny` here too, whatever `classify` said.
 */
export function decideCall(
  tool: Tool,
  input: unknown,
  context: Pick<ToolContext, 'tenantId' | 'mode'>,
): PolicyDecision {
  const decision: PolicyDecision = tool.classify
    ? tool.classify(input, { tenantId: context.tenantId, mode: context.mode })
    : tool.access === 'read'
      ? { decision: 'allow', reason: `${tool.name} is read-only` }
      : { decision: 'ask', reason: `${tool.name} can change things` };
  if (decision.decision === 'ask' && context.mode !== 'agent') {
    return {
      decision: 'deny',
      reason: `${decision.reason}; refused in ${context.mode} mode (writes need agent mode and approval)`,
    };
  }
  return decision;
}

/** Time limit used when the context's is missing or not a positive finite number. */
export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;
const MAX_TIMER_MS = 2_147_483_647;

function effectiveTimeout(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_TIMER_MS) : DEFAULT_TOOL_TIMEOUT_MS;
}

function describe(tool: Tool, input: unknown): string {
  try {
    return tool.describe(input);
  } catch {
    return `${tool.name} ${safeJson(input)}`;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
