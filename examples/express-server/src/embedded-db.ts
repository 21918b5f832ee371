import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '@aurora-rca/storage-postgres/embedded';

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
 * user, which must be able to reach the folder; when a parent folder is private (0700) the
 * data goes to `/var/tmp/aurora-demo-<hash>` instead, and the note says so.
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
  try {
    const server = await startEmbeddedPostgres({ dataDir });
    return { connectionString: server.adminUrl, dataDir: server.dataDir, note, stop: () => server.stop() };
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL in ${dataDir} did not start: ${(error as Error).message.slice(-600)}`,
    );
  }
}
