#!/usr/bin/env node
// Release hygiene for every package, as a user of the published tarball would see it:
//
//  1. manifests   `exports`/`publishConfig`/peers/typedoc.json match scripts/write-manifests.mjs
//  2. build       tsup (ESM) for every package, then every package's `.d.ts` from one TypeScript
//                 program (scripts/package-build.mjs) — the same output `pnpm -r run build` gives
//  3. pack        `pnpm pack` (applies publishConfig, rewrites workspace: ranges)
//  4. publint     on the tarball, warnings count as errors
//  5. attw        `attw <tarball> --profile esm-only` (the package is ESM-only by design)
//  6. imports     every bare import in the built JS/.d.ts is a dependency or peer (or a builtin)
//  7. bin         every `bin` target is in the tarball and starts with a shebang
//  8. cycles      `madge --circular` over packages/*/src without tests
//
// Prints one table and exits 1 if anything failed. Usage: node scripts/check-packages.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitDeclarations } from './package-build.mjs';
import { entries, staleFiles } from './write-manifests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgs = Object.keys(entries);
const started = Date.now();
const failures = [];
const rows = new Map(
  pkgs.map((p) => [p, { files: '', size: '', publint: '', attw: '', imports: '', bin: '' }]),
);

function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs `tasks` (functions returning promises) at most `limit` at a time. */
async function pool(limit, tasks) {
  const results = [];
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function fail(pkg, check, detail) {
  failures.push(`${pkg} ${check}: ${detail}`);
}

function phase(name, t0) {
  process.stdout.write(`  ${name} ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
}

// 1. manifests ---------------------------------------------------------------------------
let t = Date.now();
for (const dir of readdirSync(join(root, 'packages'))) {
  if (statSync(join(root, 'packages', dir)).isDirectory() && !pkgs.includes(dir)) {
    fail(dir, 'manifests', `packages/${dir} is not in the entries table of scripts/write-manifests.mjs`);
  }
}
for (const file of staleFiles())
  fail('repo', 'manifests', `${file} is out of date: run node scripts/write-manifests.mjs`);
phase('manifests', t);

// 8. cycles (independent of the build: start it now, collect at the end) ------------------
const madge = run(join(root, 'node_modules', '.bin', 'madge'), [
  '--circular',
  '--json',
  '--no-spinner',
  '--extensions',
  'ts,tsx',
  '--ts-config',
  'tsconfig.json',
  '--exclude',
  '\\.test(-d)?\\.tsx?$|/test/|/__tests__/',
  ...pkgs.map((p) => `packages/${p}/src`),
]);

// 2. build: tsup (child processes) and declarations (this process) at the same time -------
t = Date.now();
for (const p of pkgs) rmSync(join(root, 'packages', p, 'dist'), { recursive: true, force: true });
const buildJs = run('pnpm', ['-r', '--filter', './packages/**', 'run', 'build'], {
  env: { ...process.env, AURORA_SKIP_DTS: '1', AURORA_NO_CLEAN: '1' },
});
const dts = emitDeclarations(pkgs);
for (const e of dts.errors) fail(e.startsWith('packages/') ? e.split('/')[1] : 'all', 'dts', e);
for (const p of pkgs) if (!dts.files[p]) fail(p, 'dts', 'no declaration files emitted');
phase('build (dts)', t);
const build = await buildJs;
if (build.code !== 0) {
  process.stdout.write(build.stdout + build.stderr);
  fail('all', 'build', 'tsup failed (output above)');
}
phase('build (js, in parallel)', t);

// 3. pack --------------------------------------------------------------------------------
t = Date.now();
const packDir = mkdtempSync(join(tmpdir(), 'aurora-pack-'));
const tarballs = {};
await pool(
  3,
  pkgs.map((pkg) => async () => {
    const dest = join(packDir, pkg);
    const r = await run('pnpm', ['pack', '--pack-destination', dest], { cwd: join(root, 'packages', pkg) });
    const tgz = r.code === 0 ? readdirSync(dest).find((f) => f.endsWith('.tgz')) : undefined;
    if (!tgz) {
      fail(pkg, 'pack', (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' '));
      return;
    }
    tarballs[pkg] = join(dest, tgz);
    rows.get(pkg).size = `${(statSync(tarballs[pkg]).size / 1024).toFixed(0)} kB`;
  }),
);
phase('pack', t);

// Minimal tar reader (pnpm writes plain ustar inside gzip): path → contents.
async function untar(path) {
  const { gunzipSync } = await import('node:zlib');
  const buf = gunzipSync(readFileSync(path));
  const files = new Map();
  for (let off = 0; off + 512 <= buf.length; ) {
    const name = buf.toString('utf8', off, off + 100).replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = buf.toString('utf8', off + 345, off + 500).replace(/\0.*$/s, '');
    const size = Number.parseInt(
      buf
        .toString('utf8', off + 124, off + 136)
        .replace(/\0.*$/s, '')
        .trim() || '0',
      8,
    );
    const type = buf.toString('utf8', off + 156, off + 157);
    const full = (prefix ? `${prefix}/${name}` : name).replace(/^package\//, '');
    if (type === '0' || type === '\0' || type === '')
      files.set(full, buf.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

// 4–7. per-tarball checks ------------------------------------------------------------------
t = Date.now();
const { publint } = await import('publint');
const { formatMessage } = await import('publint/utils');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const bareImport =
  /(?:^|[\s;}])(?:import|export)\s*(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"./][^'"]*)['"]|import\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm;
const packageName = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

const ignoredResolutions = new Set(['node10', 'node16-cjs']);
const attwResults = pool(
  2,
  pkgs
    .filter((pkg) => tarballs[pkg])
    .map((pkg) => async () => {
      const r = await run(join(root, 'node_modules', '.bin', 'attw'), [
        tarballs[pkg],
        '--profile',
        'esm-only',
        '--format',
        'json',
      ]);
      let problems = [];
      try {
        const json = JSON.parse(r.stdout);
        problems = json.problems ?? json.analysis?.problems ?? [];
        if (!Array.isArray(problems)) problems = Object.values(problems).flat();
        // The esm-only profile: CommonJS consumers (node10, node16-cjs) are unsupported by design.
        problems = problems.filter((p) => !ignoredResolutions.has(p.resolutionKind));
      } catch {
        if (r.code !== 0)
          problems = [{ kind: (r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ') }];
      }
      if (r.code !== 0 || problems.length > 0) {
        rows.get(pkg).attw = `✖ ${problems.length || 1}`;
        const kinds = [
          ...new Set(problems.map((p) => `${p.kind}${p.entrypoint ? ` (${p.entrypoint})` : ''}`)),
        ];
        fail(pkg, 'attw', kinds.join(', ') || `exit ${r.code}`);
      } else rows.get(pkg).attw = '✔';
    }),
);

for (const pkg of pkgs) {
  const tgz = tarballs[pkg];
  if (!tgz) continue;
  const row = rows.get(pkg);
  const files = await untar(tgz);
  row.files = String(files.size);
  const manifest = JSON.parse(files.get('package.json')?.toString('utf8') ?? '{}');

  // publint
  const bytes = readFileSync(tgz);
  const { messages, pkg: packed } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
    level: 'warning',
  });
  const bad = messages.filter((m) => m.type === 'error' || m.type === 'warning');
  row.publint = bad.length === 0 ? '✔' : `✖ ${bad.length}`;
  for (const m of bad) fail(pkg, 'publint', formatMessage(m, packed, { color: false }) ?? m.code);

  // packaging guarantees publint does not insist on
  if (manifest.type !== 'module') fail(pkg, 'manifest', '"type" must be "module"');
  if (manifest.sideEffects !== false) fail(pkg, 'manifest', '"sideEffects" must be false');
  if (manifest.engines?.node !== '>=20.19') fail(pkg, 'manifest', 'engines.node must be ">=20.19"');
  for (const [sub, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === 'string') continue;
    const keys = Object.keys(target);
    if (keys[0] !== 'types' || keys.includes('@aurora-rca/source') || keys.includes('require')) {
      fail(pkg, 'manifest', `exports["${sub}"] must be { types, import } (got ${keys.join(', ')})`);
    }
  }
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    if (String(range).startsWith('workspace:')) fail(pkg, 'manifest', `${name} still has a ${range} range`);
  }

  // imports: every bare specifier in shipped code/types must be installable by the consumer
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    manifest.name,
  ]);
  const undeclared = new Map();
  for (const [path, content] of files) {
    if (!/\.(js|d\.ts)$/.test(path)) continue;
    // TSDoc examples import other packages on purpose; only code counts.
    const code = content
      .toString('utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(bareImport)) {
      const spec = m[1] ?? m[2] ?? '';
      if (builtins.has(spec) || builtins.has(spec.split('/')[0])) continue;
      const name = packageName(spec);
      if (!declared.has(name) && !undeclared.has(name)) undeclared.set(name, path);
    }
  }
  row.imports = undeclared.size === 0 ? '✔' : `✖ ${undeclared.size}`;
  for (const [name, path] of undeclared)
    fail(pkg, 'imports', `'${name}' imported by ${path} is not a dependency or peer`);

  // bin
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  const binProblems = [];
  for (const [name, target] of Object.entries(bins)) {
    const content = files.get(String(target).replace(/^\.\//, ''));
    if (!content) binProblems.push(`${name} → ${target} is not in the tarball`);
    else if (!content.toString('utf8', 0, 2).startsWith('#!'))
      binProblems.push(`${name} → ${target} has no shebang`);
  }
  row.bin = Object.keys(bins).length === 0 ? '–' : binProblems.length === 0 ? '✔' : '✖';
  for (const p of binProblems) fail(pkg, 'bin', p);
}
await attwResults;
phase('publint + attw + imports', t);

// 8. cycles --------------------------------------------------------------------------------
t = Date.now();
const cycles = await madge;
let cycleSummary = '✔ none';
try {
  const found = JSON.parse(cycles.stdout.slice(cycles.stdout.indexOf('[')));
  if (found.length > 0) {
    cycleSummary = `✖ ${found.length}`;
    for (const c of found) fail('repo', 'cycle', c.join(' → '));
  }
} catch {
  cycleSummary = '✖ madge failed';
  fail('repo', 'cycle', (cycles.stderr || cycles.stdout).trim().split('\n').slice(-3).join(' '));
}
phase('cycles (waited)', t);
rmSync(packDir, { recursive: true, force: true });

// report -----------------------------------------------------------------------------------
const header = ['package', 'files', 'tarball', 'publint', 'attw', 'imports', 'bin'];
const table = [
  header,
  ...pkgs.map((p) => [`@aurora-rca/${p}`, ...Object.values(rows.get(p)).map((v) => v || '✖')]),
];
const widths = header.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
process.stdout.write('\n');
for (const r of table)
  process.stdout.write(
    `${r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd()}\n`,
  );
process.stdout.write(`\ncircular imports: ${cycleSummary}\n`);
process.stdout.write(
  `declarations: ${Object.values(dts.files).reduce((a, b) => a + b, 0)} files in ${dts.ms} ms\n`,
);
if (failures.length > 0) {
  process.stdout.write(`\n${failures.length} problem(s):\n${failures.map((f) => `  ✖ ${f}`).join('\n')}\n`);
}
process.stdout.write(
  `\n${failures.length === 0 ? '✔ packages ok' : '✖ packages failed'} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
);
process.exit(failures.length === 0 ? 0 : 1);
