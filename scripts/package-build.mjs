// Shared build for every package: `packages/<pkg>/tsup.config.ts` is `tsupConfig('<pkg>')`.
//
// JavaScript: tsup/esbuild, ESM only, one output per entry in the `entries` table of
// `write-manifests.mjs` (plus `extraEntries`, e.g. the CLI's `bin`), code-split into shared
// chunks. Every bare import — other workspace packages, dependencies, peers, `node:` builtins —
// stays external, so a package never inlines another package's code.
//
// Declarations: the TypeScript compiler itself (`emitDeclarations`), unbundled, one `.d.ts` per
// source file mirroring `src/` under `dist/`. The program resolves workspace packages through
// the `@aurora-rca/source` condition (tsconfig.base.json `customConditions`), so no package needs
// another one built first; declarations of files outside the package being built are discarded,
// and the emitted files keep the package-name imports the source wrote. A declaration that
// reaches into another package's `src` through a relative path (which would not resolve once
// published) fails the build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { entries, extraEntries, sourceFile } from './write-manifests.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');

/** Entry name (output path under `dist/`, no extension) → source path relative to the package. */
export function entryFiles(pkg) {
  const files = [...new Set([...Object.values(entries[pkg] ?? {}), ...(extraEntries[pkg] ?? [])])];
  return Object.fromEntries(files.map((file) => [file, `src/${sourceFile(pkg, file)}`]));
}

/** The tsup options for `pkg` (its folder name under `packages/`). */
export function tsupConfig(pkg) {
  return {
    entry: entryFiles(pkg),
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    // Bare specifiers are never bundled: workspace packages, dependencies and peers are the
    // consumer's to install and dedupe. Relative imports are bundled and code-split.
    external: [/^[^./]/],
    splitting: true,
    sourcemap: true,
    // check-packages cleans every dist itself and emits declarations while tsup runs.
    clean: process.env.AURORA_NO_CLEAN !== '1',
    dts: false,
    shims: false,
    async onSuccess() {
      if (process.env.AURORA_SKIP_DTS === '1') return;
      const result = emitDeclarations([pkg]);
      if (result.errors.length > 0) {
        throw new Error(`declarations for ${pkg} failed:\n${result.errors.join('\n')}`);
      }
      console.log(`DTS ${pkg}: ${result.files[pkg] ?? 0} declaration files in ${result.ms} ms`);
    },
  };
}

function compilerOptions() {
  const configPath = join(root, 'tsconfig.base.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    composite: false,
    incremental: false,
    rootDir: packagesDir,
    // Never written: writeFile below maps `<outDir>/<pkg>/src/x.d.ts` → `packages/<pkg>/dist/x.d.ts`.
    outDir: join(root, '.dts-out'),
  };
}

function format(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const where = relative(root, diagnostic.file.fileName);
  return `${where}(${line + 1},${character + 1}): TS${diagnostic.code}: ${message}`;
}

/** The package folder a path under `packages/` belongs to, if any. */
function packageOf(path) {
  const rel = relative(packagesDir, path);
  if (rel.startsWith('..')) return undefined;
  return rel.split(sep)[0];
}

/**
 * Emits `.d.ts` files for `pkgs` (folder names) from one TypeScript program into each
 * package's `dist/`. Returns per-package file counts and every error that makes the
 * published types wrong: type errors in the packages' own files, declaration-emit errors,
 * and emitted relative imports that leave the package.
 */
export function emitDeclarations(pkgs) {
  const started = Date.now();
  const options = compilerOptions();
  const wanted = new Set(pkgs);
  const rootNames = pkgs.flatMap((pkg) =>
    Object.values(entryFiles(pkg)).map((f) => join(packagesDir, pkg, f)),
  );
  const program = ts.createProgram({ rootNames, options });
  const files = {};
  const errors = [];
  const writeFile = (fileName, text) => {
    const rel = relative(options.outDir, fileName);
    const [pkg, srcDir, ...rest] = rel.split(sep);
    if (!pkg || !wanted.has(pkg) || srcDir !== 'src') return;
    const target = join(packagesDir, pkg, 'dist', ...rest);
    for (const match of text.matchAll(/(?:from |import\()['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const spec = match[1] ?? '';
      const escapes = relative(join(packagesDir, pkg, 'dist'), resolve(dirname(target), spec)).startsWith(
        '..',
      );
      if (escapes) errors.push(`packages/${pkg}/dist/${rest.join('/')}: import '${spec}' leaves the package`);
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    files[pkg] = (files[pkg] ?? 0) + 1;
  };
  const emit = program.emit(undefined, writeFile, undefined, true);
  for (const d of emit.diagnostics) {
    const pkg = d.file ? packageOf(d.file.fileName) : undefined;
    if (!d.file || (pkg && wanted.has(pkg))) errors.push(format(d));
  }
  for (const sf of program.getSourceFiles()) {
    const pkg = packageOf(sf.fileName);
    if (!pkg || !wanted.has(pkg) || sf.isDeclarationFile) continue;
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      errors.push(format(d));
    }
  }
  for (const d of program.getOptionsDiagnostics()) errors.push(format(d));
  return { files, errors: [...new Set(errors)], ms: Date.now() - started };
}
