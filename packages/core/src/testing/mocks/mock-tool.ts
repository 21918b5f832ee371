import { z } from 'zod';
import type { Tool, ToolContext, ToolResult } from '../../spec/tool.js';

/** An answer of {@link mockTool}: a partial result (status defaults to `ok`) or a function of the call. */
export type MockToolAnswer =
  | Partial<ToolResult>
  | ((input: { args: string[] }, context: ToolContext) => Promise<ToolResult>);

/** Options of {@link mockTool}. */
export interface MockToolOptions {
  /** @default 'kubectl' */
  name?: string;
  /** Answers by `args.join(' ')`. A call without one is an `error` result "no answer for …". */
  answers: Record<string, MockToolAnswer>;
  /** @default 'read' */
  access?: 'read' | 'write';
  description?: string;
}

/** A mock tool's record of what it was asked. */
export interface MockTool extends Tool<{ args: string[] }> {
  readonly calls: { args: string[]; mode: ToolContext['mode'] }[];
}

/**
 * A command-style tool (`{ args }` input) answering from a table, for tests of anything that
 * runs tools (investigations, chat). Records every call. No policy: it is `read` unless told.
 *
 * @example
 * ```ts
 * const kubectl = mockTool({ answers: { 'get pods -n shop': { output: 'NAME READY STATUS…' } } });
 * ```
 */
export function mockTool(options: MockToolOptions): MockTool {
  const name = options.name ?? 'kubectl';
  const calls: MockTool['calls'] = [];
  return {
    specificationVersion: 'v1',
    name,
    description: options.description ?? `${name} (mock)`,
    input: z.object({ args: z.array(z.string()) }),
    access: options.access ?? 'read',
    calls,
    describe: (input) => `${name} ${input.args.join(' ')}`,
    async run(input, context) {
      calls.push({ args: input.args, mode: context.mode });
      const command = `${name} ${input.args.join(' ')}`;
      const answer = options.answers[input.args.join(' ')];
      if (typeof answer === 'function') return answer(input, context);
      if (!answer) return { status: 'error', output: '', command, reason: `no answer for ${command}` };
      return { status: 'ok', output: '', command, ...answer };
    },
  };
}
