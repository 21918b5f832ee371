import { AuroraError } from '../../errors.js';
import type { CommandRunner } from '../../spec/command-runner.js';
import { formatCommand } from '../../tools/display.js';
import { recordingKey } from './match.js';
import type { Recording } from './scenario.js';

/** One call served (or not) by a recorded environment. */
export interface RecordedCall {
  tool: string;
  input: unknown;
  /** The recording that answered, or `undefined` when none matched. */
  recording: Recording | undefined;
}

/**
 * Serves recordings by {@link recordingKey}. Several recordings with the same key answer
 * successive calls in order (state that changes during an incident); the last one repeats.
 */
export interface RecordingIndex {
  take(tool: string, input: unknown): Recording | undefined;
  readonly calls: readonly RecordedCall[];
}

export function createRecordingIndex(recordings: readonly Recording[]): RecordingIndex {
  const byKey = new Map<string, Recording[]>();
  for (const r of recordings) {
    const key = recordingKey(r.tool, r.input);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const served = new Map<string, number>();
  const calls: RecordedCall[] = [];
  return {
    calls,
    take(tool, input) {
      const key = recordingKey(tool, input);
      const list = byKey.get(key);
      let recording: Recording | undefined;
      if (list && list.length > 0) {
        const n = served.get(key) ?? 0;
        recording = list[Math.min(n, list.length - 1)];
        served.set(key, n + 1);
      }
      calls.push({ tool, input, recording });
      return recording;
    },
  };
}

/** The message of a call that has no recording. */
export function noRecordingMessage(command: string): string {
  return `no recorded output for ${command} (recorded environment: nothing runs live)`;
}

/**
 * A {@link CommandRunner} that answers from recordings and never starts a process. The
 * program's base name is the tool name (`/usr/bin/kubectl` → `kubectl`). A call with no
 * recording rejects with `NOT_FOUND` "no recorded output for …".
 *
 * @example
 * ```ts
 * const runner = recordedRunner(scenario.recordings);
 * const kubectl = createCommandTool({ name: 'kubectl', runner });
 * ```
 */
export function recordedRunner(
  recordings: readonly Recording[] | RecordingIndex,
): CommandRunner & { readonly calls: readonly RecordedCall[] } {
  const index = Array.isArray(recordings) ? createRecordingIndex(recordings) : (recordings as RecordingIndex);
  return {
    specificationVersion: 'v1',
    get calls() {
      return index.calls;
    },
    async run(program, args, options) {
      if (options?.signal?.aborted) throw new AuroraError('CANCELLED', `${program} was cancelled`);
      const tool = program.split(/[\\/]/).pop() ?? program;
      const recording = index.take(tool, { args: [...args] });
      if (!recording) throw new AuroraError('NOT_FOUND', noRecordingMessage(formatCommand(tool, args)));
      const exitCode = recording.exitCode ?? 0;
      return {
        exitCode,
        stdout: exitCode === 0 ? recording.output : '',
        stderr: exitCode === 0 ? '' : recording.output,
        truncated: false,
        timedOut: false,
        durationMs: 0,
      };
    },
  };
}
