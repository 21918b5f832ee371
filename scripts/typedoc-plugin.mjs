// TypeDoc plugin for the root typedoc.json: names each documented module after the import
// specifier a user writes (`@aurora-rca/adapters/grafana`) instead of its source path
// (`adapters/src/sources/grafana`), using the entries table of write-manifests.mjs.
import { Converter } from 'typedoc';
import { entries } from './write-manifests.mjs';

const names = new Map();
for (const [pkg, map] of Object.entries(entries)) {
  for (const [sub, file] of Object.entries(map)) {
    const path = `${pkg}/src/${file}`.replace(/\/index$/, '');
    names.set(path, `@aurora-rca/${pkg}${sub === '.' ? '' : sub.slice(1)}`);
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.children ?? []) {
      const name = names.get(mod.name);
      if (name) mod.name = name;
    }
    context.project.children?.sort((a, b) => a.name.localeCompare(b.name));
  });
}
