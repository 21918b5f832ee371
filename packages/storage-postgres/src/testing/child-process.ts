import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** A TypeScript entry point of this package running as a separate Node process. */
export interface TestProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Everything the process printed on stdout so far. */
  output(): string;
  /** Wait until stdout matches; returns the match. Fails early when the process exits. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Start `file` (a path relative to this folder) with tsx and the workspace source condition, with `args`. */
export function startProcess(file: string, env: Record<string, string>, args: string[] = []): TestProcess {
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@aurora-rca/source', '--import', 'tsx', entry, ...args],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  // 'close' (not 'exit'): stdout is fully read by then.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    exited,
    output: () => out,
    async waitFor(pattern, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (Date.now() > end || child.exitCode !== null) {
          throw new Error(`${file} never printed ${pattern}; stdout: ${out}; stderr: ${err.slice(-3000)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
