import { createHmac } from 'node:crypto';
import { AuroraError, type Integration, type IntegrationAuth, type WebhookRequest } from '@aurora-rca/core';
import { describe, expect, it } from 'vitest';
import { datadogSource } from '../datadog.js';
import { grafanaSource } from '../grafana.js';
import { builtInSources } from '../index.js';
import { jenkinsSource } from '../jenkins.js';
import { pagerdutySource } from '../pagerduty.js';
import { splunkSource } from '../splunk.js';
import { hmacSha256, toHex } from './crypto.js';

// Expected signatures are computed independently with node:crypto; the verifier uses Web Crypto.
const hex = (secret: string, msg: string) => createHmac('sha256', secret).update(msg, 'utf8').digest('hex');
const b64 = (secret: string, msg: string) =>
  createHmac('sha256', secret).update(msg, 'utf8').digest('base64');

const NOW = Date.parse('2026-03-01T12:00:00Z');
const BODY = '{"alerts":[{"status":"firing","labels":{"alertname":"Ünïcode ✓"}}]}';

function integration(source: string, auth: IntegrationAuth, extra: Partial<Integration> = {}): Integration {
  return { id: 'int_1', tenantId: 't1', source, auth, ...extra };
}
function req(headers: Record<string, string>, rawBody = BODY, now = NOW): WebhookRequest {
  return { headers, rawBody, now };
}
async function rejected(p: Promise<void>, reason: RegExp): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(AuroraError.isInstance(err), 'expected an AuroraError').toBe(true);
  expect((err as AuroraError).code).toBe('UNAUTHENTICATED');
  expect((err as AuroraError).message).toMatch(reason);
}

describe('HMAC-SHA256 helper', () => {
  it('matches the RFC-style known vector', async () => {
    const mac = await hmacSha256('key', 'The quick brown fox jumps over the lazy dog');
    expect(toHex(mac)).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });
});

describe('hmac (Grafana signature header)', () => {
  const grafana = grafanaSource();
  const auth: IntegrationAuth = { type: 'hmac', secret: 's3cret' };
  const sig = hex('s3cret', BODY);

  it('accepts the hex signature in X-Grafana-Alerting-Signature', async () => {
    await expect(
      grafana.verify(req({ 'x-grafana-alerting-signature': sig }), integration('grafana', auth)),
    ).resolves.toBeUndefined();
  });
  it('accepts upper-case header names and a sha256= prefix', async () => {
    await expect(
      grafana.verify(req({ 'X-Grafana-Alerting-Signature': `sha256=${sig}` }), integration('grafana', auth)),
    ).resolves.toBeUndefined();
  });
  it('rejects a wrong secret', async () => {
    await rejected(
      grafana.verify(
        req({ 'x-grafana-alerting-signature': hex('other', BODY) }),
        integration('grafana', auth),
      ),
      /does not match/,
    );
  });
  it('rejects a tampered body', async () => {
    await rejected(
      grafana.verify(
        req({ 'x-grafana-alerting-signature': sig }, BODY.replace('firing', 'resolved')),
        integration('grafana', auth),
      ),
      /does not match/,
    );
  });
  it('rejects a missing header', async () => {
    await rejected(
      grafana.verify(req({}), integration('grafana', auth)),
      /missing x-grafana-alerting-signature/,
    );
  });
  it('rejects a malformed signature', async () => {
    await rejected(
      grafana.verify(req({ 'x-grafana-alerting-signature': 'zz' }), integration('grafana', auth)),
      /not a hex/,
    );
  });

  describe('with a timestamp header', () => {
    const tsAuth: IntegrationAuth = {
      type: 'hmac',
      secret: 's3cret',
      timestampHeader: 'X-Grafana-Alerting-Timestamp',
      toleranceSeconds: 60,
    };
    const ts = String(NOW / 1000);
    const signed = (t: string, body = BODY) => ({
      'x-grafana-alerting-signature': hex('s3cret', `${t}:${body}`),
      'x-grafana-alerting-timestamp': t,
    });

    it('accepts timestamp:body signed within the tolerance', async () => {
      await expect(
        grafana.verify(req(signed(String(NOW / 1000 - 30))), integration('grafana', tsAuth)),
      ).resolves.toBeUndefined();
    });
    it('rejects a stale timestamp even with a valid signature', async () => {
      await rejected(
        grafana.verify(req(signed(String(NOW / 1000 - 61))), integration('grafana', tsAuth)),
        /outside the tolerance/,
      );
    });
    it('rejects a timestamp from the future beyond the tolerance', async () => {
      await rejected(
        grafana.verify(req(signed(String(NOW / 1000 + 120))), integration('grafana', tsAuth)),
        /outside the tolerance/,
      );
    });
    it('rejects a body-only signature (timestamp not covered)', async () => {
      await rejected(
        grafana.verify(
          req({ 'x-grafana-alerting-signature': hex('s3cret', BODY), 'x-grafana-alerting-timestamp': ts }),
          integration('grafana', tsAuth),
        ),
        /does not match/,
      );
    });
    it('rejects a replaced timestamp', async () => {
      const h = signed(ts);
      h['x-grafana-alerting-timestamp'] = String(NOW / 1000 - 1);
      await rejected(grafana.verify(req(h), integration('grafana', tsAuth)), /does not match/);
    });
    it('rejects a missing timestamp header', async () => {
      const { 'x-grafana-alerting-timestamp': _, ...h } = signed(ts);
      await rejected(
        grafana.verify(req(h), integration('grafana', tsAuth)),
        /missing X-Grafana-Alerting-Timestamp/,
      );
    });
  });
});

describe('hmac (Jenkins/CloudBees/generic body signature)', () => {
  const jenkins = jenkinsSource();
  it('reads X-Aurora-Signature by default and a configured header otherwise', async () => {
    const auth: IntegrationAuth = { type: 'hmac', secret: 'ci' };
    await expect(
      jenkins.verify(
        req({ 'x-aurora-signature': `sha256=${hex('ci', BODY)}` }),
        integration('jenkins', auth),
      ),
    ).resolves.toBeUndefined();
    const custom: IntegrationAuth = { type: 'hmac', secret: 'ci', header: 'X-Hub-Signature-256' };
    await expect(
      jenkins.verify(
        req({ 'x-hub-signature-256': `sha256=${hex('ci', BODY)}` }),
        integration('jenkins', custom),
      ),
    ).resolves.toBeUndefined();
    await rejected(
      jenkins.verify(req({ 'x-aurora-signature': hex('ci', BODY) }), integration('jenkins', custom)),
      /missing X-Hub-Signature-256/,
    );
  });
});

describe('pagerduty (X-PagerDuty-Signature v1)', () => {
  const pd = pagerdutySource();
  it('accepts a single v1 signature', async () => {
    await expect(
      pd.verify(
        req({ 'x-pagerduty-signature': `v1=${hex('pd1', BODY)}` }),
        integration('pagerduty', { type: 'pagerduty', secrets: ['pd1'] }),
      ),
    ).resolves.toBeUndefined();
  });
  it('accepts any of several v1 values during rotation', async () => {
    const header = `v1=${hex('old', BODY)},v1=${hex('pd1', BODY)}`;
    await expect(
      pd.verify(
        req({ 'x-pagerduty-signature': header }),
        integration('pagerduty', { type: 'pagerduty', secrets: ['pd1'] }),
      ),
    ).resolves.toBeUndefined();
  });
  it('accepts when the second configured secret matches', async () => {
    await expect(
      pd.verify(
        req({ 'x-pagerduty-signature': `v1=${hex('next', BODY)}` }),
        integration('pagerduty', { type: 'pagerduty', secrets: ['current', 'next'] }),
      ),
    ).resolves.toBeUndefined();
  });
  it('rejects a wrong secret, a tampered body, a missing header, and non-v1 schemes', async () => {
    const i = integration('pagerduty', { type: 'pagerduty', secrets: ['pd1'] });
    await rejected(
      pd.verify(req({ 'x-pagerduty-signature': `v1=${hex('nope', BODY)}` }), i),
      /does not match/,
    );
    await rejected(
      pd.verify(req({ 'x-pagerduty-signature': `v1=${hex('pd1', BODY)}` }, `${BODY} `), i),
      /does not match/,
    );
    await rejected(pd.verify(req({}), i), /missing x-pagerduty-signature/);
    await rejected(
      pd.verify(req({ 'x-pagerduty-signature': `v2=${hex('pd1', BODY)}` }), i),
      /no v1 signature/,
    );
    await rejected(
      pd.verify(
        req({ 'x-pagerduty-signature': `v1=${hex('pd1', BODY)}` }),
        integration('pagerduty', { type: 'pagerduty', secrets: [] }),
      ),
      /no PagerDuty signing secret/,
    );
  });
});

describe('sfx (Splunk Observability X-SFX-Signature)', () => {
  const splunk = splunkSource();
  const i = integration('splunk', { type: 'sfx', secret: 'sfx-secret' });
  it('accepts base64 HMAC of the body', async () => {
    await expect(
      splunk.verify(req({ 'x-sfx-signature': b64('sfx-secret', BODY) }), i),
    ).resolves.toBeUndefined();
  });
  it('rejects a wrong secret, a tampered body and a missing header', async () => {
    await rejected(splunk.verify(req({ 'x-sfx-signature': b64('nope', BODY) }), i), /does not match/);
    await rejected(
      splunk.verify(req({ 'x-sfx-signature': b64('sfx-secret', BODY) }, '{}'), i),
      /does not match/,
    );
    await rejected(splunk.verify(req({}), i), /missing x-sfx-signature/);
  });
});

describe('tokens for sources that cannot sign', () => {
  const dd = datadogSource();
  it('bearer', async () => {
    const i = integration('datadog', { type: 'bearer', token: 'tok-123' });
    await expect(dd.verify(req({ authorization: 'Bearer tok-123' }), i)).resolves.toBeUndefined();
    await rejected(dd.verify(req({ authorization: 'Bearer tok-124' }), i), /does not match/);
    await rejected(dd.verify(req({ authorization: 'Basic dG9rLTEyMw==' }), i), /missing bearer/);
    await rejected(dd.verify(req({}), i), /missing bearer/);
  });
  it('basic', async () => {
    const i = integration('datadog', { type: 'basic', username: 'aurora', password: 'pä55:word' });
    const enc = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    await expect(
      dd.verify(req({ authorization: `Basic ${enc('aurora:pä55:word')}` }), i),
    ).resolves.toBeUndefined();
    await rejected(dd.verify(req({ authorization: `Basic ${enc('aurora:wrong')}` }), i), /do not match/);
    await rejected(dd.verify(req({}), i), /missing basic/);
  });
  it('custom header', async () => {
    const i = integration('datadog', { type: 'header', name: 'X-Aurora-Token', value: 'hidden-var' });
    await expect(dd.verify(req({ 'x-aurora-token': 'hidden-var' }), i)).resolves.toBeUndefined();
    await rejected(dd.verify(req({ 'x-aurora-token': 'hidden-va' }), i), /does not match/);
    await rejected(dd.verify(req({}), i), /missing X-Aurora-Token/);
  });
});

describe('fail closed', () => {
  it('refuses auth none unless the integration is explicitly insecure — for every source', async () => {
    for (const source of builtInSources()) {
      await rejected(source.verify(req({}), integration(source.id, { type: 'none' })), /no auth configured/);
      await expect(
        source.verify(req({}), integration(source.id, { type: 'none' }, { insecure: true })),
      ).resolves.toBeUndefined();
    }
  });
  it('refuses an auth type the source does not support, and an integration of another source', async () => {
    await rejected(
      datadogSource().verify(req({}), integration('datadog', { type: 'pagerduty', secrets: ['x'] })),
      /not supported/,
    );
    await rejected(
      grafanaSource().verify(
        req({ authorization: 'Bearer t' }),
        integration('datadog', { type: 'bearer', token: 't' }),
      ),
      /for source datadog/,
    );
  });
  it('refuses a missing or unknown auth configuration', async () => {
    const g = grafanaSource();
    await rejected(
      g.verify(req({}), { id: 'i', tenantId: 't', source: 'grafana' } as unknown as Integration),
      /no auth configured/,
    );
    await rejected(
      g.verify(req({}), integration('grafana', { type: 'magic' } as unknown as IntegrationAuth)),
      /not supported/,
    );
  });
  it('answers UNAUTHENTICATED, not a TypeError, for a malformed request', async () => {
    const i = integration('grafana', { type: 'bearer', token: 't' });
    await rejected(grafanaSource().verify(null as unknown as WebhookRequest, i), /verification failed/);
    await rejected(
      grafanaSource().verify({ rawBody: BODY, now: NOW } as unknown as WebhookRequest, i),
      /verification failed/,
    );
  });
  it('refuses empty secrets instead of matching an empty signature', async () => {
    await rejected(
      grafanaSource().verify(
        req({ authorization: 'Bearer ' }),
        integration('grafana', { type: 'bearer', token: '' }),
      ),
      /empty/,
    );
    await rejected(
      grafanaSource().verify(
        req({ 'x-grafana-alerting-signature': hex('', BODY) }),
        integration('grafana', { type: 'hmac', secret: '' }),
      ),
      /empty/,
    );
  });
  it('every source accepts each auth type it declares when the credentials are right', async () => {
    const good: Record<IntegrationAuth['type'], [IntegrationAuth, Record<string, string>]> = {
      hmac: [{ type: 'hmac', secret: 'k', header: 'x-sig' }, { 'x-sig': hex('k', BODY) }],
      pagerduty: [{ type: 'pagerduty', secrets: ['k'] }, { 'x-pagerduty-signature': `v1=${hex('k', BODY)}` }],
      sfx: [{ type: 'sfx', secret: 'k' }, { 'x-sfx-signature': b64('k', BODY) }],
      bearer: [{ type: 'bearer', token: 'k' }, { authorization: 'Bearer k' }],
      basic: [{ type: 'basic', username: 'u', password: 'p' }, { authorization: `Basic ${btoa('u:p')}` }],
      header: [{ type: 'header', name: 'x-token', value: 'k' }, { 'x-token': 'k' }],
      none: [{ type: 'none' }, {}],
    };
    for (const source of builtInSources()) {
      expect(source.authTypes.length).toBeGreaterThan(0);
      for (const type of source.authTypes) {
        const [auth, headers] = good[type];
        await expect(
          source.verify(req(headers), integration(source.id, auth)),
          `${source.id}/${type}`,
        ).resolves.toBeUndefined();
      }
    }
  });
});
