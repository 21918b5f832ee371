/**
 * The kit's own small `expect`, so the checks run under any test runner (or none) and
 * `@aurora-rca/core/testing` never imports a test framework. Failures throw a
 * {@link ConformanceAssertionError} carrying `actual`/`expected`, which vitest and jest
 * render as a diff.
 */

/** A failed conformance assertion. */
export class ConformanceAssertionError extends Error {
  readonly actual: unknown;
  readonly expected: unknown;
  readonly showDiff: boolean;

  constructor(message: string, details: { actual?: unknown; expected?: unknown; showDiff?: boolean } = {}) {
    super(message);
    this.name = 'AssertionError';
    this.actual = details.actual;
    this.expected = details.expected;
    this.showDiff = details.showDiff ?? false;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Recursive equality as vitest's `toEqual`: arrays element-wise, objects by their keys with
 * a defined value (an `undefined` property equals a missing one), dates by time.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
    const ka = keys(a);
    const kb = keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** `expected`'s fields, recursively, are present and equal in `actual`. */
function matchesObject(actual: unknown, expected: unknown): boolean {
  if (isPlainObject(actual) && isPlainObject(expected)) {
    return Object.keys(expected).every((k) => matchesObject(actual[k], expected[k]));
  }
  return deepEqual(actual, expected);
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

/** The matchers the kit uses. */
export interface Matchers {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeNull(): void;
  toContain(item: unknown): void;
  toHaveLength(length: number): void;
  toBeGreaterThan(n: number): void;
  toBeLessThanOrEqual(n: number): void;
  toBeTypeOf(type: 'string' | 'number' | 'boolean' | 'object' | 'function' | 'undefined'): void;
  toMatchObject(expected: Record<string, unknown>): void;
  readonly not: Pick<Matchers, 'toBe' | 'toEqual' | 'toBeNull' | 'toContain'>;
}

function matchers(actual: unknown, label: string | undefined, negated: boolean): Matchers {
  const prefix = label ? `${label}: ` : '';
  const check = (pass: boolean, what: string, expected?: unknown, diff = false) => {
    if (pass !== negated) return;
    throw new ConformanceAssertionError(
      `${prefix}expected ${show(actual)} ${negated ? 'not ' : ''}${what}`,
      negated || !diff ? { actual, expected } : { actual, expected, showDiff: true },
    );
  };
  const contains = (item: unknown) =>
    typeof actual === 'string'
      ? typeof item === 'string' && actual.includes(item)
      : Array.isArray(actual) && actual.some((x) => Object.is(x, item));
  const self: Matchers = {
    toBe: (expected) => check(Object.is(actual, expected), `to be ${show(expected)}`, expected, true),
    toEqual: (expected) => check(deepEqual(actual, expected), `to equal ${show(expected)}`, expected, true),
    toBeNull: () => check(actual === null, 'to be null', null),
    toContain: (item) => check(contains(item), `to contain ${show(item)}`),
    toHaveLength: (length) =>
      check(
        (Array.isArray(actual) || typeof actual === 'string') && actual.length === length,
        `to have length ${length} (has ${(actual as { length?: number } | null)?.length})`,
      ),
    toBeGreaterThan: (n) => check(typeof actual === 'number' && actual > n, `to be greater than ${n}`),
    toBeLessThanOrEqual: (n) => check(typeof actual === 'number' && actual <= n, `to be at most ${n}`),
    toBeTypeOf: (type) =>
      check(
        type === 'object' ? typeof actual === 'object' && actual !== null : typeof actual === type,
        `to be a ${type}`,
      ),
    toMatchObject: (expected) =>
      check(matchesObject(actual, expected), `to match ${show(expected)}`, expected, true),
    get not() {
      return matchers(actual, label, !negated);
    },
  };
  return self;
}

/** Assert about `actual`; `label` prefixes the failure message. */
export function expect(actual: unknown, label?: string): Matchers {
  return matchers(actual, label, false);
}

/** Fail the current check. */
expect.fail = (message: string): never => {
  throw new ConformanceAssertionError(message);
};
