#!/usr/bin/env node
// The one test command (README, `.ci/run`): installs what the tests need that npm cannot
// (Debian's Chromium for browser tests), then typechecks, lints, and runs every vitest
// project. Exits non-zero on the first failing step.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function step(name, cmd, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`✖ ${name} failed after ${secs}s\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✔ ${name} (${secs}s)\n`);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  process.stdout.write('Installing Debian chromium for the browser tests…\n');
  const run = (args) => {
    const [c, ...rest] = [...sudo, ...args];
    execFileSync(c, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
}

ensureChromium();
step('typecheck', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']);
step('lint', 'pnpm', ['exec', 'biome', 'lint', '.']);
step('packages', 'node', ['scripts/check-packages.mjs']);
step('tests', 'pnpm', ['exec', 'vitest', 'run']);
