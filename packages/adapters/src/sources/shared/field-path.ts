import { isRecord } from './fields.js';

/**
 * Splits a field path: dots between keys, `[0]` for array indexes, `["a key"]` for keys with
 * dots or spaces. `alerts[0].labels.alertname`, `data["Problem URL"]`.
 * @returns `null` for a malformed path.
 */
export function parsePath(path: string): (string | number)[] | null {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]|(\.)/gy;
  let expectKey = true;
  let last = 0;
  while (last < path.length) {
    const m = re.exec(path);
    if (m === null) break;
    last = re.lastIndex;
    if (m[5] !== undefined) {
      if (expectKey) return null;
      expectKey = true;
      continue;
    }
    if (m[1] !== undefined) {
      if (!expectKey) return null;
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push((m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'));
    expectKey = false;
  }
  if (last !== path.length || expectKey || out.length === 0) return null;
  return out;
}

/** Reads a parsed path from a JSON value; `undefined` when any step is missing. */
export function getPath(value: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (!isRecord(cur) || !Object.hasOwn(cur, step)) return undefined;
      cur = cur[step];
    }
  }
  return cur;
}
