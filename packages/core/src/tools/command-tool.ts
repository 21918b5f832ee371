import type { CommandRunner, CommandRunResult } from '../spec/command-runner.js';
import type { Tool, ToolResult } from '../spec/tool.js';
import { approvalMatches } from './approval.js';
import { CommandToolInput, type StandardToolName, TOOL_DESCRIPTIONS } from './catalog.js';
import { type CommandPolicy, createCommandPolicy } from './command-policy.js';
import { formatCommand } from './display.js';

/** Options of {@link createCommandTool}. */
export interface CommandToolOptions {
  /** Tool name and policy key: `kubectl`, `gcloud`, `aws` or `az`. */
  name: string;
  runner: CommandRunner;
  /** @default createCommandPolicy() */
  policy?: CommandPolicy;
  /** Program to run. @default name */
  binary?: string;
  /** @default the standard description for `name` */
  description?: string;
  /** Bytes kept of stdout and of stderr, passed to the runner. */
  maxOutputBytes?: number;
}

/**
 * A command-line tool: `{ args }` in, the policy on every call (in `classify` and again in
 * `run`, so calling `run` directly cannot bypass it), argv to the runner — never a shell.
 *
 * @example
 * ```ts
 * const kubectl = createCommandTool({ name: 'kubectl', runner: localCommandRunner() });
 * ```
 */
export function createCommandTool(options: CommandToolOptions): Tool<CommandToolInput> {
  const policy = options.policy ?? createCommandPolicy();
  const binary = options.binary ?? options.name;
  const name = options.name;
  const tool: Tool<CommandToolInput> = {
    specificationVersion: 'v1',
    name,
    description:
      options.description ?? TOOL_DESCRIPTIONS[name as StandardToolName] ?? `Run ${name} (read-only).`,
    input: CommandToolInput,
    access: 'write',
    describe: (input) => formatCommand(name, input.args),
    classify: (input, context) => policy.check(name, input.args, context),
    async run(input, context) {
      const command = formatCommand(name, input.args);
      const decision = policy.check(name, input.args, context);
      if (decision.decision === 'deny')
        return { status: 'error', output: '', command, reason: decision.reason, decision };
      if (decision.decision === 'ask' && !approvalMatches(context.approval, tool, input)) {
        return {
          status: 'error',
          output: '',
          command,
          reason: `approval required: ${decision.reason}`,
          decision,
        };
      }
      try {
        const result = await options.runner.run(binary, input.args, {
          signal: context.signal,
          timeoutMs: context.timeoutMs,
          ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
        });
        return { ...toToolResult(result, command, context.timeoutMs), decision };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { status: 'error', output: '', command, reason, decision };
      }
    },
  };
  return tool;
}

/** Maps a process result: exit 0 → ok (blank stdout → empty), timeout or non-zero exit → error. */
export function toToolResult(result: CommandRunResult, command: string, timeoutMs: number): ToolResult {
  const stdout = result.stdout.trimEnd();
  const stderr = result.stderr.trim();
  const base = {
    command,
    truncated: result.truncated,
    ...(result.exitCode === null ? {} : { exitCode: result.exitCode }),
  };
  if (result.timedOut) {
    return {
      ...base,
      status: 'error',
      output: joinStreams(stdout, stderr),
      reason: `timed out after ${timeoutMs} ms`,
    };
  }
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? 'was killed' : `exited with code ${result.exitCode}`;
    return {
      ...base,
      status: 'error',
      output: joinStreams(stdout, stderr),
      reason: `${command.split(' ')[0]} ${how}`,
    };
  }
  if (stdout.trim() === '') return { ...base, status: 'empty', output: stderr };
  return { ...base, status: 'ok', output: joinStreams(stdout, stderr) };
}

function joinStreams(stdout: string, stderr: string): string {
  if (!stderr) return stdout;
  if (!stdout) return stderr;
  return `${stdout}\n[stderr]\n${stderr}`;
}
