import type { Integration, IntegrationAuth, WebhookRequest } from '@aurora-rca/core';
import { fromBase64, fromHex, timingSafeEqualStrings, verifyHmacSha256 } from './crypto.js';
import { unauthenticated } from './errors.js';

/** Default tolerance for signed timestamps, in seconds. @default 300 */
export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 300;

/** How a source verifies: which auth types it accepts and its default signature header. */
export interface VerifySettings {
  sourceId: string;
  authTypes: readonly IntegrationAuth['type'][];
  /** Header read for `hmac` when the integration does not name one (lower-case). */
  hmacHeader: string;
}

function header(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const direct = request.headers[wanted];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/**
 * Verifies a webhook request against its integration's auth, failing closed: any missing
 * header, malformed value, mismatch or misconfiguration throws `UNAUTHENTICATED`.
 * `none` passes only when the integration is explicitly `insecure`.
 *
 * Signatures are computed over the UTF-8 bytes of `request.rawBody`, so the HTTP layer must
 * hand over the body exactly as received (not re-serialized JSON).
 */
export async function verifyIntegrationAuth(
  request: WebhookRequest,
  integration: Integration,
  settings: VerifySettings,
): Promise<void> {
  const src = settings.sourceId;
  const fail = (reason: string) => unauthenticated(src, reason);
  if (integration?.source !== src) throw fail(`integration is for source ${String(integration?.source)}`);
  const auth = integration.auth as IntegrationAuth | undefined;
  if (!auth || typeof auth.type !== 'string') throw fail('integration has no auth configured');
  if (auth.type === 'none') {
    if (integration.insecure === true) return;
    throw fail('integration has no auth configured (set insecure: true only for local development)');
  }
  if (!settings.authTypes.includes(auth.type))
    throw fail(`auth type ${auth.type} is not supported by ${src}`);
  const body = typeof request.rawBody === 'string' ? request.rawBody : '';

  switch (auth.type) {
    case 'hmac': {
      if (!auth.secret) throw fail('hmac secret is empty');
      const name = auth.header ?? settings.hmacHeader;
      const value = header(request, name);
      if (!value) throw fail(`missing ${name} header`);
      const sig = fromHex(value.replace(/^sha256=/i, ''));
      if (!sig) throw fail(`${name} is not a hex HMAC-SHA256`);
      let message = body;
      let timestamp: number | undefined;
      if (auth.timestampHeader) {
        const ts = header(request, auth.timestampHeader)?.trim();
        if (!ts) throw fail(`missing ${auth.timestampHeader} header`);
        if (!/^\d{1,16}$/.test(ts)) throw fail(`${auth.timestampHeader} is not a Unix timestamp`);
        timestamp = Number(ts);
        message = `${ts}:${body}`;
      }
      if (!(await verifyHmacSha256(auth.secret, message, sig))) throw fail('signature does not match');
      if (timestamp !== undefined) {
        const ms = timestamp < 1e11 ? timestamp * 1000 : timestamp;
        const tolerance = (auth.toleranceSeconds ?? DEFAULT_TIMESTAMP_TOLERANCE_SECONDS) * 1000;
        if (!(Math.abs(request.now - ms) <= tolerance))
          throw fail('signature timestamp is outside the tolerance');
      }
      return;
    }
    case 'pagerduty': {
      const secrets = (auth.secrets ?? []).filter((s) => typeof s === 'string' && s !== '');
      if (secrets.length === 0) throw fail('no PagerDuty signing secret configured');
      const value = header(request, 'x-pagerduty-signature');
      if (!value) throw fail('missing x-pagerduty-signature header');
      const sigs = value
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.startsWith('v1='))
        .map((p) => fromHex(p.slice(3)))
        .filter((s): s is Uint8Array<ArrayBuffer> => s !== null);
      if (sigs.length === 0) throw fail('x-pagerduty-signature has no v1 signature');
      // Every pair is checked (no early exit), so timing does not reveal which secret matched.
      let ok = false;
      for (const secret of secrets)
        for (const sig of sigs) ok = (await verifyHmacSha256(secret, body, sig)) || ok;
      if (!ok) throw fail('signature does not match');
      return;
    }
    case 'sfx': {
      if (!auth.secret) throw fail('sfx shared secret is empty');
      const value = header(request, 'x-sfx-signature');
      if (!value) throw fail('missing x-sfx-signature header');
      const sig = fromBase64(value);
      if (!sig || !(await verifyHmacSha256(auth.secret, body, sig))) throw fail('signature does not match');
      return;
    }
    case 'bearer': {
      if (!auth.token) throw fail('bearer token is empty');
      const m = /^bearer\s+(.+)$/i.exec(header(request, 'authorization')?.trim() ?? '');
      if (!m) throw fail('missing bearer Authorization header');
      if (!(await timingSafeEqualStrings(m[1]!.trim(), auth.token)))
        throw fail('bearer token does not match');
      return;
    }
    case 'basic': {
      if (!auth.username && !auth.password) throw fail('basic credentials are empty');
      const m = /^basic\s+(.+)$/i.exec(header(request, 'authorization')?.trim() ?? '');
      const bytes = m ? fromBase64(m[1]!) : null;
      if (!bytes) throw fail('missing basic Authorization header');
      const given = new TextDecoder().decode(bytes);
      if (!(await timingSafeEqualStrings(given, `${auth.username}:${auth.password}`))) {
        throw fail('basic credentials do not match');
      }
      return;
    }
    case 'header': {
      if (!auth.name || !auth.value) throw fail('token header name or value is empty');
      const value = header(request, auth.name);
      if (value === undefined) throw fail(`missing ${auth.name} header`);
      if (!(await timingSafeEqualStrings(value.trim(), auth.value)))
        throw fail(`${auth.name} does not match`);
      return;
    }
    default:
      throw fail(`unknown auth type ${String((auth as { type: unknown }).type)}`);
  }
}
