import { createHmac } from 'node:crypto';
import type { Integration } from '@aurora-rca/core';

/**
 * Headers a vendor would send for this integration's auth: what the demo replay and the
 * end-to-end tests use to post signed webhooks exactly as Grafana, PagerDuty & co. sign them.
 */
export function signedHeaders(
  integration: Integration,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const auth = integration.auth;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  switch (auth.type) {
    case 'hmac': {
      const header = auth.header ?? 'x-aurora-signature';
      if (auth.timestampHeader) {
        const ts = String(Math.floor(now / 1000));
        headers[auth.timestampHeader] = ts;
        headers[header] = createHmac('sha256', auth.secret).update(`${ts}:${body}`).digest('hex');
      } else {
        headers[header] = createHmac('sha256', auth.secret).update(body).digest('hex');
      }
      break;
    }
    case 'pagerduty':
      headers['x-pagerduty-signature'] = auth.secrets
        .map((s) => `v1=${createHmac('sha256', s).update(body).digest('hex')}`)
        .join(',');
      break;
    case 'bearer':
      headers.authorization = `Bearer ${auth.token}`;
      break;
    case 'basic':
      headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
      break;
    case 'header':
      headers[auth.name.toLowerCase()] = auth.value;
      break;
    case 'sfx':
      headers['x-sfx-signature'] = createHmac('sha1', auth.secret).update(body).digest('base64');
      break;
    case 'none':
      break;
  }
  return headers;
}
