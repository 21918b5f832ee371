// Writes the `exports`/`publishConfig` blocks of every package from one table, so the
// source condition (workspace tests run against src) and the published map (types first)
// never drift. Run after adding an entry point: `node scripts/write-manifests.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

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
  'storage-postgres': { '.': 'index' },
  react: { '.': 'index' },
  cli: { '.': 'index' },
};

for (const [pkg, map] of Object.entries(entries)) {
  const path = new URL(`../packages/${pkg}/package.json`, import.meta.url);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const dev = {};
  const pub = {};
  for (const [sub, file] of Object.entries(map)) {
    dev[sub] = { '@aurora-rca/source': `./src/${file}.ts`, types: `./dist/${file}.d.ts`, import: `./dist/${file}.js` };
    pub[sub] = { types: `./dist/${file}.d.ts`, import: `./dist/${file}.js` };
  }
  dev['./package.json'] = './package.json';
  pub['./package.json'] = './package.json';
  json.exports = dev;
  json.publishConfig = { ...(json.publishConfig ?? {}), access: 'public', exports: pub };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}
