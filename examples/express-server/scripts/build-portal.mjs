#!/usr/bin/env node
// Builds the portal (portal/dist) when it is missing or older than its sources or the React
// package. Used by `pnpm demo` and the browser tests; `--force` always rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const portal = join(root, 'portal');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Returns 0 when the portal is up to date (built now or before). */
export function ensurePortal({ force = false } = {}) {
  const index = join(portal, 'dist', 'index.html');
  const reactSrc = join(root, '..', '..', 'packages', 'react', 'src');
  const stale =
    force || !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(portal), newest(reactSrc));
  if (!stale) return 0;
  process.stderr.write('Building the portal…\n');
  const r = spawnSync(
    'pnpm',
    ['exec', 'vite', 'build', '--config', 'portal/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return r.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.exit(ensurePortal({ force: process.argv.includes('--force') }));
