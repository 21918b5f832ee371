/**
 * Investigation orchestration cost and concurrency.
 *
 *   node --conditions=@aurora-rca/source --import tsx bench/investigation.bench.ts
 *
 * 1. Overhead per step: investigations of 10 tool-calling steps with an instant scripted
 *    model and an instant tool, on `memoryStorage`. Everything measured is Aurora's own work
 *    per step: the LangGraph superstep, streaming into the thought writer, the tool executor
 *    (policy, redaction, truncation), the citation write and its event, the mid-run alert
 *    re-read. Printed per model step (one `observe → agent → act` loop).
 * 2. Concurrency: N investigations at once through the in-process queue, each 3 model turns
 *    of 200 ms (two tool calls, then the result). Ideal wall time is 600 ms whatever N is;
 *    the ratio wall / ideal shows where one process stops keeping up.
 *
 * Single process, figures vary with the machine.
 */
import { cpus, loadavg } from 'node:os';
import {
  CommandToolInput,
  createEventPublisher,
  createInvestigator,
  INVESTIGATE_JOB,
  Incident,
  type InvestigateJobPayload,
  inProcessEventBus,
  inProcessQueue,
  investigationKey,
  type Job,
  StoredAlert,
  sortableIds,
  systemClock,
  type Tool,
} from '../packages/core/src/index.js';
import { type ScriptedStep, scriptedChatModel } from '../packages/core/src/testing/index.js';
import { memoryStorage } from '../packages/storage-memory/src/index.js';

const TENANT = 'bench';
const now = () => new Date().toISOString();

const tool: Tool = {
  specificationVersion: 'v1',
  name: 'kubectl',
  description: 'instant fake kubectl',
  input: CommandToolInput,
  access: 'read',
  describe: (i: { args: string[] }) => `kubectl ${i.args.join(' ')}`,
  run: async (i: { args: string[] }) => ({
    status: 'ok',
    command: `kubectl ${i.args.join(' ')}`,
    output: 'NAME READY STATUS RESTARTS AGE\ncheckout-1 1/1 Running 0 5m\n'.repeat(20),
  }),
};

/** A model that calls kubectl `steps - 1` times, then submits; `latencyMs` per turn. */
function model(steps: number, latencyMs: number) {
  const turn: ScriptedStep = (messages) => {
    const done = messages.filter((m) => m.getType() === 'tool').length;
    const text = `Step ${done + 1}: checking the pods again. `;
    if (done < steps - 1) {
      return {
        text,
        chunkSize: 16,
        delayMs: latencyMs ? latencyMs / 3 : 0,
        toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] }, id: `c${done}` }],
      };
    }
    return {
      text: 'Concluding. ',
      chunkSize: 64,
      delayMs: latencyMs,
      toolCalls: [
        {
          name: 'submit_result',
          args: { summary: 'Nothing wrong [1].', rootCause: 'No fault [1].', confidence: 'inconclusive' },
        },
      ],
    };
  };
  return scriptedChatModel([turn], { repeatLast: true });
}

async function seed(storage: ReturnType<typeof memoryStorage>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `inc_${i}`;
    const t = now();
    await storage.incidents.create(
      Incident.parse({
        id,
        tenantId: TENANT,
        title: `bench ${i}`,
        severity: 'high',
        status: 'investigating',
        auroraStatus: 'queued',
        startedAt: t,
        lastAlertAt: t,
        createdAt: t,
        updatedAt: t,
      }),
    );
    await storage.alerts.insert(
      StoredAlert.parse({
        id: `alr_${i}`,
        tenantId: TENANT,
        incidentId: id,
        source: 'alertmanager',
        fingerprint: `fp_${i}`,
        title: 'KubePodCrashLooping',
        severity: 'high',
        status: 'firing',
        service: 'checkout',
        labels: { namespace: 'shop' },
        startedAt: t,
        receivedAt: t,
        updatedAt: t,
        raw: { alerts: [{ labels: { alertname: 'KubePodCrashLooping' } }] },
        correlation: { strategy: 'new', score: 1, details: {}, shadow: false, wouldJoinIncidentId: null },
      }),
    );
    ids.push(id);
  }
  return ids;
}

function deps() {
  const storage = memoryStorage();
  const publisher = createEventPublisher(storage.events, inProcessEventBus());
  return { storage, publisher, clock: systemClock, ids: sortableIds() };
}

const job = (incidentId: string): Job<InvestigateJobPayload> => ({
  id: incidentId,
  kind: INVESTIGATE_JOB,
  key: null,
  payload: { tenantId: TENANT, incidentId },
  attempt: 1,
  signal: new AbortController().signal,
});

async function overheadPerStep() {
  const STEPS = 10;
  const RUNS = Number(process.env.BENCH_RUNS ?? 30);
  const d = deps();
  const incidents = await seed(d.storage, RUNS + 3);
  const investigator = createInvestigator({ ...d, tools: [tool], model: model(STEPS, 0) });
  for (const id of incidents.slice(0, 3)) await investigator.run(job(id)); // warm-up
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (const id of incidents.slice(3)) await investigator.run(job(id));
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const failed = (await d.storage.incidents.list(TENANT, { limit: 500 })).items.filter(
    (i) => i.auroraStatus !== 'complete',
  );
  console.log(`1. Orchestration overhead, instant model and tool (${RUNS} investigations × ${STEPS} steps)`);
  console.log(`   per investigation: ${(ms / RUNS).toFixed(1)} ms`);
  console.log(
    `   per step:          ${(ms / RUNS / STEPS).toFixed(2)} ms wall, ${(cpuMs / RUNS / STEPS).toFixed(2)} ms CPU   (${failed.length} not complete)`,
  );
}

async function concurrency() {
  console.log('2. Concurrent investigations, 3 turns × 200 ms model latency (ideal wall time 600 ms)');
  console.log('   concurrent   wall ms   wall/ideal   investigations/s   event-loop lag p99 ms');
  for (const n of [10, 50, 200, 500]) {
    const d = deps();
    const incidents = await seed(d.storage, n);
    const queue = inProcessQueue({ concurrency: n });
    const investigator = createInvestigator({ ...d, tools: [tool], model: model(3, 200) });
    let finished = 0;
    const all = new Promise<void>((resolve) => {
      void queue.work<InvestigateJobPayload>(
        INVESTIGATE_JOB,
        async (j) => {
          await investigator.run(j);
          if (++finished === n) resolve();
        },
        { concurrency: n },
      );
    });
    const lags: number[] = [];
    let last = performance.now();
    const probe = setInterval(() => {
      const t = performance.now();
      lags.push(Math.max(0, t - last - 10));
      last = t;
    }, 10);
    const start = performance.now();
    for (const id of incidents)
      await queue.enqueue(
        INVESTIGATE_JOB,
        { tenantId: TENANT, incidentId: id },
        { key: investigationKey(id) },
      );
    await all;
    const wall = performance.now() - start;
    clearInterval(probe);
    await queue.stop();
    lags.sort((a, b) => a - b);
    const p99 = lags[Math.floor(lags.length * 0.99)] ?? 0;
    console.log(
      `   ${String(n).padStart(10)}   ${wall.toFixed(0).padStart(7)}   ${(wall / 600).toFixed(2).padStart(10)}   ${((n / wall) * 1000).toFixed(1).padStart(16)}   ${p99.toFixed(1).padStart(21)}`,
    );
  }
}

const only = process.env.BENCH_ONLY;
// On a shared machine wall time includes waiting for a core; CPU time does not.
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores\n`,
);
if (!only || only === 'overhead') await overheadPerStep();
if (!only || only === 'concurrency') await concurrency();
