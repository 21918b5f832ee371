#!/usr/bin/env node
// `pnpm demo`: builds the portal if it is missing or stale, then starts the example server
// (src/demo.ts) on the workspace sources.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePortal } from './build-portal.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = ensurePortal();
if (built !== 0) process.exit(built);
const r = spawnSync(
  process.execPath,
  ['--conditions=@aurora-rca/source', '--import', 'tsx', join(root, 'src', 'demo.ts')],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
