import type { ToolRunnableConfig } from '@langchain/core/tools';
import { tool as lcTool, type StructuredToolInterface } from '@langchain/core/tools';
import type { Tool, ToolContext } from '../spec/tool.js';
import { type ExecutedToolResult, type ExecuteToolOptions, executeTool } from './execute-tool.js';

/** Options of {@link toLangChainTool}: those of {@link executeTool} plus a result hook. */
export interface LangChainToolOptions extends ExecuteToolOptions {
  /**
   * Called after every call with the input and the (redacted, truncated) result — where the
   * investigation records its citation.
   */
  onResult?(result: ExecutedToolResult, input: unknown, call: { toolCallId?: string }): void | Promise<void>;
}

/** The context for one call; a function is given the call's LangChain config (its `signal`). */
export type ToolContextSource = ToolContext | ((config: ToolRunnableConfig) => ToolContext);

/**
 * Wraps a {@link Tool} as a LangChain tool for any tool-calling chat model. Every call goes
 * through {@link executeTool}; the model receives the output, or the policy's decision and
 * reason as text when the call was refused, so it can choose another command. Input that does
 * not match the schema is rejected by LangChain itself (`ToolInputParsingException`, which a
 * LangGraph `ToolNode` turns into an error message for the model) before anything runs.
 *
 * @example
 * ```ts
 * const tools = [kubectl, prometheus].map((t) => toLangChainTool(t, ctx, { onResult: cite }));
 * const model = chatModel.bindTools(tools);
 * ```
 */
export function toLangChainTool(
  tool: Tool,
  context: ToolContextSource,
  options: LangChainToolOptions = {},
): StructuredToolInterface {
  return lcTool(
    async (input: unknown, config: ToolRunnableConfig) => {
      const base = typeof context === 'function' ? context(config) : context;
      const signal = config?.signal ? AbortSignal.any([base.signal, config.signal]) : base.signal;
      const result = await executeTool(tool, input, { ...base, signal }, options);
      const toolCallId = config?.toolCall?.id;
      await options.onResult?.(result, input, toolCallId ? { toolCallId } : {});
      return formatResultForModel(result);
    },
    { name: tool.name, description: tool.description, schema: tool.input as never },
  ) as unknown as StructuredToolInterface;
}

/** The text a model receives for a tool result. */
export function formatResultForModel(result: ExecutedToolResult): string {
  if (result.status === 'ok') return result.output;
  if (result.status === 'empty') return result.output.trim() ? result.output : '(no output)';
  if (result.decision.decision === 'deny' && result.reason === result.decision.reason) {
    return `Refused by policy (deny): ${result.reason}\nCommand: ${result.command}`;
  }
  if (result.decision.decision === 'ask' && result.reason?.startsWith('approval required')) {
    return `Not run (ask): ${result.reason}\nCommand: ${result.command}\nPropose it as a suggestion for a person to approve.`;
  }
  return `Error: ${result.reason ?? 'failed'}${result.output ? `\n${result.output}` : ''}`;
}
