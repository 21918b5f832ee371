import type { Tool, ToolContext } from '../spec/tool.js';
import type { ExecutedToolResult } from '../tools/index.js';
import { executeTool, type Redactor } from '../tools/index.js';
import type { Clock } from '../util/clock.js';

/** Options of {@link runInvestigationTool}. */
export interface RunToolOptions {
  redactor?: Redactor;
  clock?: Clock;
  /** Characters of output kept; the rest is cut with a marker. */
  maxOutputChars: number;
}

/**
 * Run one tool call of an investigation through {@link executeTool} (input validation, the
 * command policy, time limit, redaction, truncation; failures become `error` results). The one
 * difference: when the investigation itself was cancelled, this throws the abort reason
 * instead of returning a result, so the run stops rather than reasoning about a cancelled call.
 */
export async function runInvestigationTool(
  tool: Tool,
  input: unknown,
  ctx: ToolContext,
  options: RunToolOptions,
): Promise<ExecutedToolResult> {
  const result = await executeTool(tool, input, ctx, {
    maxOutputChars: options.maxOutputChars,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.redactor ? { redactor: options.redactor } : {}),
  });
  if (ctx.signal.aborted) throw ctx.signal.reason;
  return result;
}
