import { readdirSync } from 'node:fs';
import { Alert, AuroraError } from '@aurora-rca/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInSources } from './index.js';
import { fixture, RECEIVED_AT } from './shared/test-support.js';

const ctx = { headers: {}, receivedAt: RECEIVED_AT };

/** Parse must return schema-valid alerts or throw INVALID_INPUT; nothing else. */
function checkContract(sourceId: string, body: unknown, json = true): void {
  const source = builtInSources().find((s) => s.id === sourceId)!;
  let alerts: unknown[];
  try {
    alerts = source.parse(body, ctx);
  } catch (e) {
    if (!AuroraError.isInstance(e) || e.code !== 'INVALID_INPUT') throw e;
    expect(e.details?.source).toBe(sourceId);
    // For JSON input the mapping code itself must detect the problem and name the field,
    // not the last-resort guard (which would mean an unexpected exception inside a mapper).
    if (json) expect(e.details?.field, e.message).toEqual(expect.any(String));
    return;
  }
  for (const a of alerts) Alert.parse(a);
}

/** Every node of a JSON value as a path of keys/indexes. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

const fixturesDir = new URL('../../../../fixtures/payloads/', import.meta.url);
const fixtureFiles = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(new URL(`${d.name}/`, fixturesDir)).map((f) => ({ source: d.name, file: `${d.name}/${f}` })),
  );

describe('parse never throws anything but INVALID_INPUT', () => {
  for (const source of builtInSources()) {
    it(`${source.id}: arbitrary JSON`, () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 5 }), (body) => checkContract(source.id, body)),
        { numRuns: 300 },
      );
    });
    it(`${source.id}: non-JSON values (functions, symbols, bigint, cycles)`, () => {
      const cyclic: Record<string, unknown> = { title: 'x' };
      cyclic.labels = cyclic;
      for (const body of [undefined, () => 1, Symbol('s'), 10n, cyclic, new Date(0), [cyclic]])
        checkContract(source.id, body, false);
    });
  }

  it('a re-delivery of every fixture yields the same alerts (same fingerprints)', () => {
    for (const { source, file } of fixtureFiles) {
      const s = builtInSources().find((x) => x.id === source)!;
      let first: unknown[];
      try {
        first = s.parse(fixture(file), ctx);
      } catch {
        continue; // rejected payloads (Datadog's unrendered template) are covered in their own test
      }
      expect(s.parse(fixture(file), ctx), file).toEqual(first);
    }
  });

  const sample = fc.constantFrom(...fixtureFiles);
  it('vendor fixtures with one node replaced by arbitrary JSON', () => {
    fc.assert(
      fc.property(sample, fc.nat(), fc.jsonValue({ maxDepth: 3 }), ({ source, file }, pick, value) => {
        const body = fixture(file);
        const all = paths(body);
        checkContract(source, setAt(body, all[pick % all.length]!, value));
      }),
      { numRuns: 1500 },
    );
  });
});
