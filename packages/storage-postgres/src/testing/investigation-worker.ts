/**
 * A worker process for the crash test: investigations from the pg-boss queue, state in
 * PostgreSQL, events on LISTEN/NOTIFY, graph checkpoints in PostgreSQL.
 *
 * Run: `node --conditions=@aurora-rca/source --import tsx investigation-worker.ts`
 * Env: `DATABASE_URL` (required); `HANG_ON` — a kubectl command fragment this worker hangs on
 * (to be killed there); `EXPIRE_SECONDS` — pg-boss expiry of jobs. Prints `ready` once
 * working and `hanging <command>` when it hangs.
 */
import {
  CommandToolInput,
  createEventPublisher,
  createInvestigator,
  INVESTIGATE_JOB,
  sortableIds,
  systemClock,
  type Tool,
  type ToolResult,
} from '@aurora-rca/core';
import { pgEventBus } from '../bus/pg-event-bus.js';
import { postgresCheckpointer } from '../checkpointer.js';
import { pgBossQueue } from '../queue/pg-boss-queue.js';
import { postgresStorage } from '../storage/postgres-storage.js';

/** What the fake cluster answers, by kubectl argv. */
export const CLUSTER: Record<string, string> = {
  'get pods -n shop': [
    'NAME                        READY   STATUS             RESTARTS   AGE',
    'checkout-7d9f8b6c4d-x2k9p   0/1     CrashLoopBackOff   6          12m',
    'cart-5c6d7e8f9a-b7n4q       1/1     Running            0          3d',
  ].join('\n'),
  'get events -n shop --sort-by=.lastTimestamp': [
    'LAST SEEN   TYPE      REASON    OBJECT                          MESSAGE',
    '2m          Warning   BackOff   pod/checkout-7d9f8b6c4d-x2k9p   Back-off restarting failed container',
  ].join('\n'),
  'describe pod checkout-7d9f8b6c4d-x2k9p -n shop': [
    'Name:         checkout-7d9f8b6c4d-x2k9p',
    'Namespace:    shop',
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    '      Reason:       Error',
    '      Exit Code:    1',
  ].join('\n'),
  'logs checkout-7d9f8b6c4d-x2k9p -n shop --previous --tail=100': [
    '2026-01-01T00:00:01Z starting checkout service',
    '2026-01-01T00:00:02Z FATAL dial tcp postgres:5432: connect: connection refused',
  ].join('\n'),
};

function fakeKubectl(hangOn: string | undefined): Tool {
  return {
    specificationVersion: 'v1',
    name: 'kubectl',
    description: 'kubectl against a recorded cluster',
    input: CommandToolInput,
    access: 'read',
    describe: (input: { args: string[] }) => `kubectl ${input.args.join(' ')}`,
    async run(input: { args: string[] }): Promise<ToolResult> {
      const argv = input.args.join(' ');
      const command = `kubectl ${argv}`;
      if (hangOn && argv.includes(hangOn)) {
        process.stdout.write(`hanging ${command}\n`);
        await new Promise(() => {});
      }
      const output = CLUSTER[argv];
      return output === undefined
        ? { status: 'error', output: '', command, reason: 'not in the recording' }
        : { status: 'ok', output, command };
    },
  };
}

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const storage = postgresStorage({ connectionString });
const queue = pgBossQueue({
  connectionString,
  expireInSeconds: Number(process.env.EXPIRE_SECONDS ?? 900),
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
});
const bus = pgEventBus({ connectionString, storage });
const checkpointer = await postgresCheckpointer({ connectionString });
const investigator = createInvestigator({
  storage,
  publisher: createEventPublisher(storage.events, bus),
  clock: systemClock,
  ids: sortableIds(),
  tools: [fakeKubectl(process.env.HANG_ON)],
  checkpointer,
});
await queue.work(INVESTIGATE_JOB, investigator.run, { concurrency: 1 });
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void (async () => {
    await queue.stop({ graceful: true, timeoutMs: 5000 });
    await Promise.all([bus.close(), checkpointer.end(), storage.close()]);
    process.exit(0);
  })();
});
