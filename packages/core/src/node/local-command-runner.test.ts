import { describe, expect, it } from 'vitest';
import { AuroraError } from '../errors.js';
import { localCommandRunner } from './local-command-runner.js';

const node = process.execPath;

describe('localCommandRunner', () => {
  it('passes argv to the program untouched — no shell sees it', async () => {
    const runner = localCommandRunner();
    const args = [
      '-e',
      'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
      '$(id)',
      '; rm -rf /',
      '`x`',
      '*',
    ];
    const result = await runner.run(node, args);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['$(id)', '; rm -rf /', '`x`', '*']);
  });

  it('reports stderr and a non-zero exit code', async () => {
    const result = await localCommandRunner().run(node, ['-e', 'console.error("boom"); process.exit(3)']);
    expect(result).toMatchObject({
      exitCode: 3,
      stdout: '',
      stderr: 'boom\n',
      timedOut: false,
      truncated: false,
    });
  });

  it('kills a command that runs past its timeout', async () => {
    const started = Date.now();
    const result = await localCommandRunner({ killGraceMs: 200 }).run('sleep', ['30'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('escalates to SIGKILL when the program ignores SIGTERM', async () => {
    const started = Date.now();
    const script = 'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)';
    const result = await localCommandRunner({ killGraceMs: 300 }).run(node, ['-e', script], {
      timeoutMs: 500,
    });
    expect(result.timedOut).toBe(true);
    expect(result.stdout).toBe('ready\n');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('caps output, keeps the real exit code and says it truncated', async () => {
    const script = 'process.stdout.write("a".repeat(1_000_000)); process.stderr.write("e".repeat(5000))';
    const result = await localCommandRunner({ maxOutputBytes: 1024 }).run(node, ['-e', script]);
    expect(result.stdout).toBe('a'.repeat(1024));
    expect(result.stderr).toBe('e'.repeat(1024));
    expect(result.truncated).toBe(true);
    expect(result.exitCode).toBe(0);
  });

  it('passes only allowlisted environment variables', async () => {
    const runner = localCommandRunner({
      envAllowlist: ['PATH', 'AWS_*', 'KUBECONFIG'],
      baseEnv: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        OPENAI_API_KEY: 'sk-nope',
        KUBECONFIG: '/k',
      },
    });
    const result = await runner.run(node, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], {
      env: { AWS_PROFILE: 'ro', DATABASE_URL: 'postgres://x' },
    });
    const env = JSON.parse(result.stdout) as Record<string, string>;
    expect(env).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_PROFILE: 'ro', KUBECONFIG: '/k' });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('stops a command when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = localCommandRunner({ killGraceMs: 200 }).run('sleep', ['30'], {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('rejects with UPSTREAM when the program does not exist', async () => {
    const error = await localCommandRunner()
      .run('definitely-not-a-real-cli-aurora', ['get'])
      .catch((e: unknown) => e);
    expect(AuroraError.isInstance(error) && error.code).toBe('UPSTREAM');
    expect((error as Error).message).toMatch(/could not start definitely-not-a-real-cli-aurora: ENOENT/);
  });
});
