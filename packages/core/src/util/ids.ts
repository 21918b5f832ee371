import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/** Injected id generator. Ids must be unique; default ids also sort by creation time. */
export interface IdGenerator {
  /** A new id, optionally with a short kind prefix (`inc`, `alr`, …). */
  next(prefix?: string): string;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encodeTime(ms: number): string {
  let out = '';
  let v = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
}

function randomPart(len: number): string {
  const bytes = new Uint8Array(len);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/**
 * Sortable ids (ULID-like, lower-case Crockford base32): 10 time chars + 16 random chars,
 * monotonic within one generator even when the clock does not move.
 */
export function sortableIds(clock: Clock = systemClock): IdGenerator {
  let lastTime = -1;
  let counter = 0;
  return {
    next(prefix) {
      const now = clock.now();
      if (now <= lastTime) counter++;
      else {
        lastTime = now;
        counter = 0;
      }
      const seq = counter.toString(32).padStart(4, '0');
      const id = `${encodeTime(Math.max(now, lastTime))}${seq}${randomPart(12)}`;
      return prefix ? `${prefix}_${id}` : id;
    },
  };
}

/** Deterministic ids for tests: `inc_1`, `inc_2`, … */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix = 'id') {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${String(n).padStart(6, '0')}`;
    },
  };
}
