#!/usr/bin/env node
// `pnpm demo`: builds the portal if it is missing or older than its sources, then starts the
// example server (src/demo.ts) on the workspace sources.
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

if (existsSync(join(portal, 'vite.config.ts'))) {
  const index = join(portal, 'dist', 'index.html');
  const reactSrc = join(root, '..', '..', 'packages', 'react', 'src');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newest(portal), newest(reactSrc));
  if (stale) {
    process.stderr.write('Building the portal…\n');
    const r = spawnSync(
      'pnpm',
      ['exec', 'vite', 'build', '--config', 'portal/vite.config.ts', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

const r = spawnSync(
  process.execPath,
  ['--conditions=@aurora-rca/source', '--import', 'tsx', join(root, 'src', 'demo.ts')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
