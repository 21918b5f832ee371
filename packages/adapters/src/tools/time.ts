/** Time helpers of the HTTP query tools. Inputs were validated by the catalog schemas. */

/** Epoch milliseconds of an RFC 3339 time or Unix seconds. */
export function parseTime(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`invalid time ${value}`);
  return ms;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `30s`, `15m`, `1h`, `2d`, or a bare number of seconds. */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(value);
  if (!m) throw new RangeError(`invalid duration ${value}`);
  return Math.round(Number(m[1]) * (m[2] ? (UNIT_MS[m[2]] as number) : 1_000));
}

/** Unix seconds with millisecond precision, as the Prometheus API takes them. */
export function unixSeconds(ms: number): string {
  return (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
