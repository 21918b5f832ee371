import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const exampleRoot = fileURLToPath(new URL('..', import.meta.url));

export interface StartedServer {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts the example server as `pnpm demo` does (embedded PostgreSQL in a temporary data
 * directory unless `AURORA_STORAGE` says otherwise) on a free port, and resolves once it
 * prints `AURORA_URL=` and `AURORA_TOKEN=`.
 */
export async function startExampleServer(env: Record<string, string> = {}): Promise<StartedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurora-example-'));
  chmodSync(dataDir, 0o755);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@aurora-rca/source', '--import', 'tsx', join(exampleRoot, 'src/demo.ts')],
    {
      cwd: exampleRoot,
      env: {
        ...process.env,
        PORT: '0',
        AURORA_DEMO_REPLAY: '0',
        AURORA_DATA_DIR: dataDir,
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        OLLAMA_BASE_URL: '',
        GITHUB_TOKEN: '',
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 90_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const u = /AURORA_URL=(\S+)/.exec(out);
      const t = /AURORA_TOKEN=(\S+)/.exec(out);
      if (u?.[1] && t?.[1]) {
        clearTimeout(timer);
        resolve({ url: u[1], token: t[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}\n${err}`));
    });
  });
  return {
    url,
    token,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
