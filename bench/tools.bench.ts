/**
 * Cost of the safety layers around a tool call.
 *
 *   node --conditions=@aurora-rca/source --import tsx bench/tools.bench.ts
 *
 * 1. Command policy decisions per second over a mix of reads, writes and hostile argv.
 * 2. Redaction throughput (MB/s) on kubectl-like output with and without secrets in it.
 * 3. `executeTool` overhead per call with an instant runner (validation, policy, timeout
 *    wiring, redaction, truncation), against calling the runner directly.
 * 4. The local runner: wall time of `node -e ""` through `localCommandRunner` vs a bare
 *    `spawn`, i.e. what the runner adds to a process start.
 *
 * Single-threaded figures; they vary with the machine.
 */
import { spawn } from 'node:child_process';
import {
  type CommandRunner,
  createCommandPolicy,
  createCommandTool,
  createRedactor,
  executeTool,
} from '../packages/core/src/index.js';
import { localCommandRunner } from '../packages/core/src/node/index.js';

function time(label: string, iterations: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  const perSec = (iterations / ms) * 1000;
  console.log(
    `${label.padEnd(52)} ${perSec.toFixed(0).padStart(10)} /s   ${((ms * 1000) / iterations).toFixed(2)} µs each`,
  );
  return ms / iterations;
}

async function timeAsync(label: string, iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(52)} ${((iterations / ms) * 1000).toFixed(0).padStart(10)} /s   ${((ms * 1000) / iterations).toFixed(1)} µs each`,
  );
  return ms / iterations;
}

const policy = createCommandPolicy({
  tenantRules: { acme: [{ tool: 'kubectl', command: ['rollout', 'restart'], decision: 'ask' }] },
});
const MIX: Array<[string, string[]]> = [
  ['kubectl', ['get', 'pods', '-n', 'shop', '-o', 'wide']],
  ['kubectl', ['logs', 'web-1', '-n', 'shop', '--previous', '--tail=200']],
  ['kubectl', ['delete', 'pods', '--all', '-o', 'json']],
  ['kubectl', ['get', 'secret', 'db', '-o', 'yaml']],
  ['kubectl', ['get', 'pods', '$(curl evil)']],
  ['gcloud', ['logging', 'read', 'severity>=ERROR', '--limit', '50']],
  ['aws', ['logs', 'filter-log-events', '--log-group-name', '/ecs/web', '--filter-pattern', 'ERROR']],
  ['aws', ['secretsmanager', 'get-secret-value', '--secret-id', 'db']],
  ['az', ['aks', 'show', '-g', 'rg', '-n', 'prod']],
  ['kubectl', ['g\u0435t', 'pods']],
];

console.log('— command policy');
time('policy.check (10-command mix)', 200_000, (i) => {
  const [tool, args] = MIX[i % MIX.length] as [string, string[]];
  policy.check(tool, args, { mode: 'ask', tenantId: 'acme' });
});

console.log('— redaction');
const redactor = createRedactor();
const clean = Array.from(
  { length: 2000 },
  (_, i) =>
    `web-${i}-7d9f8b   1/1   Running   ${i % 7}   ${i % 59}m   10.0.${i % 255}.${i % 200}   node-${i % 12}`,
).join('\n');
const dirty = clean
  .split('\n')
  .map((l, i) => (i % 50 === 0 ? `${l} DB_PASSWORD=hunter${i} Authorization: Bearer abcdef${i}ghijkl` : l))
  .join('\n');
for (const [label, text] of [
  ['clean kubectl output', clean],
  ['same with a secret every 50 lines', dirty],
] as const) {
  const runs = 50;
  const start = performance.now();
  for (let i = 0; i < runs; i++) redactor.redact(text);
  const ms = (performance.now() - start) / runs;
  console.log(
    `redact ${label.padEnd(45)} ${((text.length / 1e6 / ms) * 1000).toFixed(1).padStart(10)} MB/s   (${(text.length / 1024).toFixed(0)} KiB in ${ms.toFixed(2)} ms)`,
  );
}

console.log('— executeTool overhead');
const instant: CommandRunner = {
  specificationVersion: 'v1',
  run: async () => ({
    exitCode: 0,
    stdout: 'web-1 1/1 Running',
    stderr: '',
    truncated: false,
    timedOut: false,
    durationMs: 0,
  }),
};
const kubectl = createCommandTool({ name: 'kubectl', runner: instant, policy });
const ctx = {
  tenantId: 'acme',
  mode: 'investigation' as const,
  signal: new AbortController().signal,
  timeoutMs: 30_000,
};
const direct = await timeAsync('runner.run directly', 20_000, () => instant.run('kubectl', ['get', 'pods']));
const wrapped = await timeAsync('executeTool(kubectl get pods)', 20_000, () =>
  executeTool(kubectl, { args: ['get', 'pods', '-n', 'shop'] }, ctx),
);
console.log(
  `executeTool adds ${((wrapped - direct) * 1000).toFixed(1)} µs per call (${(wrapped / direct).toFixed(1)}× an instant runner)`,
);

console.log('— local runner (process start)');
const runner = localCommandRunner();
const bare = await timeAsync(
  'bare spawn(node -e "")',
  20,
  () =>
    new Promise((resolve) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('close', resolve)),
);
const viaRunner = await timeAsync('localCommandRunner.run(node -e "")', 20, () =>
  runner.run(process.execPath, ['-e', '']),
);
console.log(`runner / bare spawn: ${(viaRunner / bare).toFixed(2)}×`);
