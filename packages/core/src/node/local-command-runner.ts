import { spawn } from 'node:child_process';
import { AuroraError } from '../errors.js';
import type { CommandRunner, CommandRunOptions, CommandRunResult } from '../spec/command-runner.js';

/**
 * Environment variables passed to commands by default. A trailing `*` matches a prefix.
 * Cloud CLIs find their credentials through these; nothing else from the host leaks in.
 */
export const DEFAULT_ENV_ALLOWLIST: readonly string[] = [
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'SSL_CERT_FILE',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'KUBECONFIG',
  'AWS_*',
  'CLOUDSDK_*',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'USE_GKE_GCLOUD_AUTH_PLUGIN',
  'AZURE_*',
];

/** Options of {@link localCommandRunner}. */
export interface LocalCommandRunnerOptions {
  /** Names (or `PREFIX_*`) of variables passed through. @default DEFAULT_ENV_ALLOWLIST */
  envAllowlist?: readonly string[];
  /** Where allowed variables are read from. @default process.env */
  baseEnv?: Record<string, string | undefined>;
  /** @default 30_000 */
  defaultTimeoutMs?: number;
  /** Bytes kept of stdout and of stderr each. @default 262_144 */
  maxOutputBytes?: number;
  /** Time between SIGTERM and SIGKILL when a command is stopped. @default 2_000 */
  killGraceMs?: number;
  /** Working directory. @default process.cwd() */
  cwd?: string;
}

/**
 * Runs programs on this machine with `spawn(program, args, { shell: false })`: argv goes to
 * the program as is, never through a shell. A command that runs past its timeout, or whose
 * caller aborts, is stopped (SIGTERM to its process group, SIGKILL after a grace period).
 * Output beyond the cap is read and dropped, so the program is not blocked on a full pipe
 * and its real exit code is kept; `truncated` tells you something was cut.
 *
 * @example
 * ```ts
 * import { localCommandRunner } from '@aurora-rca/core/node';
 * const runner = localCommandRunner({ envAllowlist: ['PATH', 'HOME', 'KUBECONFIG'] });
 * ```
 */
export function localCommandRunner(options: LocalCommandRunnerOptions = {}): CommandRunner {
  const allowlist = options.envAllowlist ?? DEFAULT_ENV_ALLOWLIST;
  const baseEnv = options.baseEnv ?? process.env;
  const graceMs = options.killGraceMs ?? 2_000;
  const allowed = (name: string) =>
    allowlist.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));

  return {
    specificationVersion: 'v1',
    run(program: string, args: readonly string[], runOptions: CommandRunOptions = {}) {
      const requested = runOptions.timeoutMs ?? options.defaultTimeoutMs ?? 30_000;
      const timeoutMs =
        Number.isFinite(requested) && requested > 0 ? Math.min(requested, 2_147_483_647) : 30_000;
      const maxBytes = runOptions.maxOutputBytes ?? options.maxOutputBytes ?? 262_144;
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(baseEnv)) if (v !== undefined && allowed(k)) env[k] = v;
      for (const [k, v] of Object.entries(runOptions.env ?? {})) if (allowed(k)) env[k] = v;
      if (!program) return Promise.reject(new AuroraError('INVALID_INPUT', 'No program to run'));
      if (runOptions.signal?.aborted)
        return Promise.reject(new AuroraError('CANCELLED', `${program} was cancelled`));

      return new Promise<CommandRunResult>((resolve, reject) => {
        const started = performance.now();
        const child = spawn(program, [...args], {
          shell: false,
          env,
          cwd: options.cwd,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: process.platform !== 'win32',
          windowsHide: true,
        });
        const out = collector(maxBytes);
        const err = collector(maxBytes);
        child.stdout.on('data', out.push);
        child.stderr.on('data', err.push);
        let timedOut = false;
        let cancelled = false;
        let killTimer: NodeJS.Timeout | undefined;
        const stop = () => {
          signalGroup(child.pid, 'SIGTERM', () => child.kill('SIGTERM'));
          killTimer = setTimeout(
            () => signalGroup(child.pid, 'SIGKILL', () => child.kill('SIGKILL')),
            graceMs,
          );
          killTimer.unref?.();
        };
        const timer = setTimeout(() => {
          timedOut = true;
          stop();
        }, timeoutMs);
        const onAbort = () => {
          cancelled = true;
          stop();
        };
        runOptions.signal?.addEventListener('abort', onAbort, { once: true });
        const cleanup = () => {
          clearTimeout(timer);
          if (killTimer) clearTimeout(killTimer);
          runOptions.signal?.removeEventListener('abort', onAbort);
        };
        child.on('error', (error: NodeJS.ErrnoException) => {
          cleanup();
          reject(
            new AuroraError('UPSTREAM', `could not start ${program}: ${error.code ?? error.message}`, {
              cause: error,
            }),
          );
        });
        child.on('close', (code) => {
          cleanup();
          if (cancelled) {
            reject(new AuroraError('CANCELLED', `${program} was cancelled`));
            return;
          }
          resolve({
            exitCode: code,
            stdout: out.text(),
            stderr: err.text(),
            truncated: out.truncated() || err.truncated(),
            timedOut,
            durationMs: Math.round(performance.now() - started),
          });
        });
      });
    },
  };
}

function collector(maxBytes: number) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = false;
  return {
    push: (chunk: Buffer) => {
      if (kept >= maxBytes) {
        dropped = true;
        return;
      }
      const room = maxBytes - kept;
      if (chunk.length > room) dropped = true;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    truncated: () => dropped,
  };
}

/** Signals the whole process group (the CLI and any credential helper it started). */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals, fallback: () => void): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') fallback();
    else process.kill(-pid, signal);
  } catch {
    try {
      fallback();
    } catch {
      // already gone
    }
  }
}
