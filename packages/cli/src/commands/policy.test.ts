import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

async function run(args: string[], cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readInput: async (p) => readFileSync(p, 'utf8'),
    cwd,
  };
  const code = await main(['node', 'aurora', 'policy', 'check', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('aurora policy check', () => {
  it('prints allow for a read, with exit 0', async () => {
    const r = await run(['--', 'kubectl', 'get', 'pods', '-n', 'shop', '-o', 'wide']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ decision: 'allow', reason: 'kubectl get is read-only' });
  });

  it('denies a write in ask mode (the default) and asks for it in agent mode, exit 0 both times', async () => {
    const ask = await run(['--', 'kubectl', 'delete', 'pod', 'web-1']);
    expect(ask.code).toBe(0);
    expect(JSON.parse(ask.stdout)).toMatchObject({
      decision: 'deny',
      reason: expect.stringMatching(/refused in ask mode/),
    });
    const agent = await run(['--mode', 'agent', '--', 'kubectl', 'delete', 'pod', 'web-1']);
    expect(agent.code).toBe(0);
    expect(JSON.parse(agent.stdout)).toMatchObject({ decision: 'ask' });
  });

  it('explains a deny for secrets and injection', async () => {
    const secret = await run(['--', 'aws', 'secretsmanager', 'get-secret-value', '--secret-id', 'prod/db']);
    expect(JSON.parse(secret.stdout)).toEqual({
      decision: 'deny',
      reason: 'aws secretsmanager get-secret-value is refused: it returns a secret value',
    });
    const injected = await run(['--mode', 'agent', '--', 'kubectl', 'get', 'pods;', 'rm', '-rf', '/']);
    expect(JSON.parse(injected.stdout).decision).toBe('deny');
  });

  it('applies tenant rules from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aurora-policy-'));
    await writeFile(
      join(dir, 'rules.json'),
      JSON.stringify({
        tenantRules: {
          acme: [{ tool: 'kubectl', command: ['top'], decision: 'deny', reason: 'no metrics-server' }],
        },
      }),
    );
    const r = await run(['--tenant', 'acme', '--rules', 'rules.json', '--', 'kubectl', 'top', 'pods'], dir);
    expect(JSON.parse(r.stdout)).toEqual({ decision: 'deny', reason: 'no metrics-server' });
  });

  it('exits 2 on an unknown mode', async () => {
    const r = await run(['--mode', 'root', '--', 'kubectl', 'get', 'pods']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown mode "root"/);
    expect(r.stdout).toBe('');
  });
});
