import { describe, expect, it } from 'vitest';
import { createRedactor, defaultRedactor } from './redaction.js';

const r = (text: string) => defaultRedactor.redact(text);

describe('defaultRedactor', () => {
  const vectors: Array<[kind: string, input: string, secret: string, kept: string]> = [
    [
      'JWT',
      'token used: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'dozjgNryP4J3jVmNHl0w5N',
      'token used:',
    ],
    [
      'AWS access key id',
      'key=AKIAIOSFODNN7EXAMPLE region=us-east-1',
      'AKIAIOSFODNN7EXAMPLE',
      'region=us-east-1',
    ],
    [
      'AWS secret key',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'wJalrXUtnFEMI',
      'aws_secret_access_key = ',
    ],
    [
      'bearer header',
      'Authorization: Bearer abc123def456ghi789',
      'abc123def456ghi789',
      'Authorization: Bearer ',
    ],
    [
      'basic header',
      'authorization: Basic dXNlcjpwYXNzd29yZA==',
      'dXNlcjpwYXNzd29yZA==',
      'authorization: Basic',
    ],
    [
      'postgres URL',
      'connecting to postgres://app:s3cr3t-pw@db.internal:5432/shop',
      's3cr3t-pw',
      'postgres://app:',
    ],
    [
      'mongodb+srv URL',
      'MONGO_URL=mongodb+srv://admin:Hunter2%21@cluster0.mongodb.net/db',
      'Hunter2',
      'cluster0.mongodb.net/db',
    ],
    ['redis URL', 'redis://:verysecret@redis:6379/0', 'verysecret', 'redis:6379/0'],
    [
      'Azure storage connection string',
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk0NTY3ODkwMTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net',
      'bXlrZXk0NTY3',
      'AccountName=acct',
    ],
    [
      'ADO.NET password',
      'Server=tcp:db.example,1433;User ID=app;Password=P@ssw0rd!;Encrypt=true',
      'P@ssw0rd!',
      'Encrypt=true',
    ],
    ['env assignment', 'DB_PASSWORD=hunter2 DB_HOST=db', 'hunter2', 'DB_HOST=db'],
    ['YAML secret', 'client_secret: 8f2b1c9d7e\nclient_id: web', '8f2b1c9d7e', 'client_id: web'],
    [
      'JSON token',
      '{"api_key": "sk-abcdefghijklmnop", "user": "ann"}',
      'sk-abcdefghijklmnop',
      '"user": "ann"',
    ],
    [
      'JSON private_key of a service account',
      '{"private_key_id": "1", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n"}',
      'MIIEvQIBADANBg',
      '"private_key_id"',
    ],
    [
      'PEM RSA private key',
      'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----\ndone',
      'MIIEpAIBAAKCAQEA7',
      'done',
    ],
    [
      'OpenSSH private key',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAA',
      'BEGIN OPENSSH PRIVATE KEY',
    ],
    ['GitHub token', 'GH ghp_1234567890abcdefghijklmnopqrstuvwxyzAB used', 'ghp_1234567890abcdef', 'used'],
    ['Slack token', 'xoxb-123456789012-abcdefghijkl', 'xoxb-123456789012', ''],
    ['Google API key', 'AIzaSyA-1234567890abcdefghijklmnopqrstu', 'AIzaSyA-1234567890', ''],
    [
      'SAS signature',
      'https://acct.blob.core.windows.net/c/b?sv=2021&sig=abcDEF%2B123&se=2026',
      'abcDEF%2B123',
      'sv=2021',
    ],
    [
      'S3 pre-signed URL',
      'https://b.s3.amazonaws.com/k?X-Amz-Signature=deadbeefcafe&X-Amz-Expires=60',
      'deadbeefcafe',
      'X-Amz-Expires=60',
    ],
    ['password flag', 'mysql --password=hunter22 -h db', 'hunter22', '-h db'],
    [
      'pod env var (YAML)',
      '    env:\n    - name: DB_PASSWORD\n      value: hunter2\n    - name: PORT\n      value: "8080"',
      'hunter2',
      'value: "8080"',
    ],
    [
      'pod env var (JSON)',
      '{"name":"STRIPE_API_KEY","value":"sk_abc123"},{"name":"PORT","value":"8080"}',
      'sk_abc123',
      '"value":"8080"',
    ],
    ['quoted single password', "password: 'correct horse'", 'correct horse', 'password: '],
  ];

  it.each(vectors)('redacts a %s', (_kind, input, secret, kept) => {
    const out = r(input);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
    expect(out).toContain(kept);
  });

  it('leaves ordinary diagnostics alone', () => {
    const text = [
      'NAME    READY   STATUS             RESTARTS   AGE',
      'web-1   0/1     CrashLoopBackOff   12         30m',
      '    secretName: db-creds',
      '    secretKeyRef: { name: db, key: password }',
      'max_tokens=100 tokens_used=12',
      'Last State: Terminated  Reason: OOMKilled  Exit Code: 137',
      "      DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false",
      '    - name: DB_PASSWORD',
      '      valueFrom:',
    ].join('\n');
    expect(r(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = r('password=hunter2 Authorization: Bearer abcdefghijkl');
    expect(r(once)).toBe(once);
  });

  it('takes extra patterns, a custom mask and disabled built-ins', () => {
    const custom = createRedactor({
      extraPatterns: [{ name: 'acme', pattern: /acme_[a-z0-9]{8}/g }],
      disable: ['aws-access-key-id'],
      mask: '***',
    });
    expect(custom.redact('acme_abcd1234 AKIAIOSFODNN7EXAMPLE password=x')).toBe(
      '*** AKIAIOSFODNN7EXAMPLE password=***',
    );
    expect(() => createRedactor({ extraPatterns: [{ name: 'bad', pattern: /x/ }] })).toThrow(/g flag/);
  });

  // A hang guard, not a speed assertion: quadratic patterns would take minutes on these.
  it('stays linear on hostile output', { timeout: 10_000 }, () => {
    const dotted = 'a.'.repeat(150_000);
    expect(r(dotted)).toBe(dotted);
    const begins = '-----BEGIN PRIVATE KEY-----x'.repeat(10_000);
    expect(r(begins)).toBe(begins);
    const unterminated = 'password="x '.repeat(25_000);
    expect(r(unterminated)).not.toContain('password="x password');
    const schemes = 'a+'.repeat(150_000);
    expect(r(schemes)).toBe(schemes);
  });
});
