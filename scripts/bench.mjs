#!/usr/bin/env node
// `pnpm bench [name…]`: runs every benchmark in bench/ (or the named ones) one after another
// on the workspace sources and prints their figures. Benchmarks measure; they never fail a build.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n━━ ${file} ━━\n`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--conditions=@aurora-rca/source', '--import', 'tsx', join(root, 'bench', file)],
    { cwd: root, stdio: 'inherit' },
  );
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
