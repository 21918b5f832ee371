import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every TypeScript sample in the docs (README, docs/**, package READMEs) compiles against the
 * current packages. A block is a sample when its fence says `ts`, `tsx` or `typescript`;
 * `ts fragment` marks a deliberately partial snippet (it must still parse), which is the
 * exception, not the rule.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', '.samples');

function markdownFiles(): string[] {
  const out = [join(root, 'README.md')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'api', '.samples', 'decisions'].includes(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(root, 'docs'));
  for (const pkg of readdirSync(join(root, 'packages'))) out.push(join(root, 'packages', pkg, 'README.md'));
  out.push(join(root, 'examples', 'express-server', 'README.md'));
  return out.filter((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  });
}

interface Sample {
  file: string;
  line: number;
  lang: string;
  fragment: boolean;
  code: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  for (const file of markdownFiles()) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^```(ts|tsx|typescript)\b(.*)$/.exec(lines[i] ?? '');
      if (!m) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !lines[end]?.startsWith('```')) end++;
      out.push({
        file: relative(root, file),
        line: start,
        lang: m[1] === 'tsx' ? 'tsx' : 'ts',
        fragment: /fragment/.test(m[2] ?? ''),
        code: lines.slice(start, end).join('\n'),
      });
      i = end;
    }
  }
  return out;
}

describe('documentation samples', () => {
  it('compile against the current packages', () => {
    const all = samples();
    expect(all.length).toBeGreaterThan(10);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const names = new Map<string, Sample>();
    all.forEach((s, n) => {
      const name = `${s.file.replace(/[^a-z0-9]+/gi, '_')}_L${s.line}_${n}.${s.lang}`;
      names.set(name, s);
      // Fragments are checked for syntax only; full samples are type-checked as modules.
      const body = s.fragment ? `// @ts-nocheck\n${s.code}\nexport {};\n` : `${s.code}\nexport {};\n`;
      writeFileSync(join(outDir, name), body);
    });
    writeFileSync(
      join(outDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: { noEmit: true, noUnusedLocals: false, module: 'ESNext', target: 'ES2022' },
        include: ['./*.ts', './*.tsx'],
      }),
    );
    let output = '';
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(outDir, 'tsconfig.json')],
        { encoding: 'utf8', cwd: outDir },
      );
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const failures = output
      .split('\n')
      .filter((l) => /error TS/.test(l))
      .map((l) => {
        const name = l.split('(')[0] ?? '';
        const s = names.get(name.trim());
        return s ? `${s.file}:${s.line} ${l.slice(l.indexOf('error'))}` : l;
      });
    expect(failures).toEqual([]);
  }, 120_000);
});
