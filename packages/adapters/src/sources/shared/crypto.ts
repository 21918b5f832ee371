/**
 * Web Crypto helpers (browser-safe, no `node:crypto`): HMAC-SHA256 verification through
 * `crypto.subtle.verify`, which compares in constant time, and a constant-time string
 * comparison for shared tokens.
 */

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Web Crypto (globalThis.crypto.subtle) is not available in this runtime');
  return s;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/** Hex to bytes; `null` for anything that is not an even-length hex string. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  const h = hex.trim();
  if (h.length === 0 || h.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(h)) return null;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard or URL-safe base64 to bytes; `null` when malformed. */
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> | null {
  const s = b64.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (s.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return null;
  try {
    const bin = atob(s.padEnd(Math.ceil(s.length / 4) * 4, '='));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Bytes to lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Imported keys are reused: importing costs more than the HMAC of a typical webhook body. */
const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, Promise<CryptoKey>>();

async function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const id = `${usage}\u0000${secret}`;
  let key = keyCache.get(id);
  if (!key) {
    key = subtle().importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(id, key);
    // A failed import must not stay cached.
    key.catch(() => keyCache.delete(id));
  }
  return key;
}

/** HMAC-SHA256 of `message` with `secret`. */
export async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', await hmacKey(secret, 'sign'), utf8(message)));
}

/** True when `signature` is the HMAC-SHA256 of `message` under `secret` (constant-time check). */
export async function verifyHmacSha256(
  secret: string,
  message: string,
  signature: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  if (signature.length !== 32) return false;
  return subtle().verify('HMAC', await hmacKey(secret, 'verify'), signature, utf8(message));
}

/**
 * Compares two strings in time independent of where they differ: both are hashed to 32
 * bytes first (so length is not leaked either), then XOR-accumulated.
 */
export async function timingSafeEqualStrings(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([
    subtle().digest('SHA-256', utf8(a)),
    subtle().digest('SHA-256', utf8(b)),
  ]);
  const x = new Uint8Array(da);
  const y = new Uint8Array(db);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
