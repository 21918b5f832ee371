import type { CommandToolInput } from '@aurora-rca/core';
import { type CommandPolicy, type CommandRunner, createCommandTool, type Tool } from '@aurora-rca/core';

/** Options shared by the command-line tools. */
export interface CliToolOptions {
  /** Runs the program — `localCommandRunner()` from `@aurora-rca/core/node`, or a recorded runner. */
  runner: CommandRunner;
  /** @default createCommandPolicy() — read verbs only outside agent mode */
  policy?: CommandPolicy;
  /** Program path or name. @default the tool name (`kubectl`, …) resolved on PATH */
  binary?: string;
  /** Replaces the standard description the model reads. */
  description?: string;
  /** Bytes kept of stdout and of stderr per call. */
  maxOutputBytes?: number;
}

/**
 * `kubectl` through the command policy: get, describe, logs, top, events, explain, rollout
 * history|status, auth can-i. Input `{ args }` without the program name.
 *
 * @example
 * ```ts
 * import { localCommandRunner } from '@aurora-rca/core/node';
 * const kubectl = kubectlTool({ runner: localCommandRunner() });
 * ```
 */
export function kubectlTool(options: CliToolOptions): Tool<CommandToolInput> {
  return createCommandTool({ ...options, name: 'kubectl' });
}

/** `gcloud` through the command policy: … list, … describe, logging read. */
export function gcloudTool(options: CliToolOptions): Tool<CommandToolInput> {
  return createCommandTool({ ...options, name: 'gcloud' });
}

/** `aws` through the command policy: describe-*, list-*, get-* (not secrets), logs filter-log-events. */
export function awsTool(options: CliToolOptions): Tool<CommandToolInput> {
  return createCommandTool({ ...options, name: 'aws' });
}

/** `az` through the command policy: … show, … list, monitor log-analytics query. */
export function azTool(options: CliToolOptions): Tool<CommandToolInput> {
  return createCommandTool({ ...options, name: 'az' });
}
