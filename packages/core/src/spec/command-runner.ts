/** Options for one command execution. */
export interface CommandRunOptions {
  signal?: AbortSignal;
  /** @default 30_000 */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each; the rest is dropped and `truncated` set. @default 256 KiB */
  maxOutputBytes?: number;
  /** Extra environment; only names on the runner's allowlist pass. */
  env?: Record<string, string>;
}

export interface CommandRunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  timedOut: boolean;
  durationMs: number;
}

/**
 * Runs a program with an argv array — never through a shell. Implementations: the local
 * runner (`@aurora-rca/core/node`) and the recorded-environment runner (`/testing`).
 */
export interface CommandRunnerV1 {
  readonly specificationVersion: 'v1';
  run(program: string, args: readonly string[], options?: CommandRunOptions): Promise<CommandRunResult>;
}
export type CommandRunner = CommandRunnerV1;
