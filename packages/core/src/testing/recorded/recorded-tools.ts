import type { Tool, ToolResult } from '../../spec/tool.js';
import {
  describeLokiQuery,
  describePrometheusQuery,
  HttpGetInput,
  LokiQueryInput,
  PrometheusQueryInput,
  STANDARD_TOOL_NAMES,
  type StandardToolName,
  TOOL_DESCRIPTIONS,
} from '../../tools/catalog.js';
import { type CommandPolicy, createCommandPolicy } from '../../tools/command-policy.js';
import { createCommandTool } from '../../tools/command-tool.js';
import {
  createRecordingIndex,
  noRecordingMessage,
  type RecordedCall,
  recordedRunner,
} from './recorded-runner.js';
import type { Recording } from './scenario.js';

export interface RecordedToolsOptions {
  /** The policy still applies to recorded command tools. @default createCommandPolicy() */
  policy?: CommandPolicy;
  /** Which tools to offer. @default all standard tools */
  tools?: readonly StandardToolName[];
  /** Called for every call, matched or not. */
  onCall?(call: RecordedCall): void;
}

/**
 * The standard tools (`kubectl`, `gcloud`, `aws`, `az`, `prometheus`, `loki`, `http_get`)
 * with the same names, descriptions and input schemas as the live ones, answering from a
 * scenario's recordings. Nothing runs live: a call without a recording is an error result
 * "no recorded output for …". Command tools still go through the command policy.
 *
 * @example
 * ```ts
 * const tools = recordedTools(scenario.recordings);
 * const result = await executeTool(tools[0], { args: ['get', 'pods', '-n', 'shop'] }, ctx);
 * ```
 */
export function recordedTools(recordings: readonly Recording[], options: RecordedToolsOptions = {}): Tool[] {
  const policy = options.policy ?? createCommandPolicy();
  const index = createRecordingIndex(recordings);
  const observed = {
    calls: index.calls,
    take(tool: string, input: unknown) {
      const recording = index.take(tool, input);
      const call = index.calls.at(-1);
      if (call) options.onCall?.(call);
      return recording;
    },
  };
  const runner = recordedRunner(observed);
  const wanted = options.tools ?? STANDARD_TOOL_NAMES;
  return wanted.map((name): Tool => {
    switch (name) {
      case 'prometheus':
        return recordedQueryTool(name, PrometheusQueryInput, observed, describePrometheusQuery);
      case 'loki':
        return recordedQueryTool(name, LokiQueryInput, observed, describeLokiQuery);
      case 'http_get':
        return recordedQueryTool(name, HttpGetInput, observed, (i) => `GET ${i.url}`);
      default:
        return createCommandTool({ name, runner, policy });
    }
  });
}

function recordedQueryTool<I>(
  name: StandardToolName,
  input: Tool<I>['input'],
  index: { take(tool: string, input: unknown): Recording | undefined },
  describe: (input: I) => string,
): Tool<I> {
  return {
    specificationVersion: 'v1',
    name,
    description: TOOL_DESCRIPTIONS[name],
    input,
    access: 'read',
    describe,
    async run(value): Promise<ToolResult> {
      const command = describe(value);
      const recording = index.take(name, value);
      if (!recording) return { status: 'error', output: '', command, reason: noRecordingMessage(command) };
      const failed = (recording.exitCode ?? 0) !== 0;
      return {
        status: failed ? 'error' : 'ok',
        output: recording.output,
        command,
        ...(failed ? { reason: `${name} failed (recorded)`, exitCode: recording.exitCode } : {}),
      };
    },
  };
}
