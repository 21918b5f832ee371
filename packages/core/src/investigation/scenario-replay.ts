import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AuroraError } from '../errors.js';
import { createIngestPipeline } from '../ingest/pipeline.js';
import type { Confidence, Incident, Suggestion } from '../model/index.js';
import { inProcessEventBus } from '../runtime/in-process-event-bus.js';
import { INVESTIGATE_JOB, type InvestigateJobPayload } from '../runtime/jobs.js';
import { createEventPublisher } from '../runtime/publisher.js';
import type { AlertSource } from '../spec/alert-source.js';
import type { Job, JobQueue } from '../spec/job-queue.js';
import type { Storage } from '../spec/storage.js';
import type { Tool } from '../spec/tool.js';
import type { ScenarioBundle } from '../testing/recorded/scenario.js';
import { manualClock } from '../util/clock.js';
import { sequentialIds } from '../util/ids.js';
import type { InvestigationBudgets } from './budgets.js';
import { createInvestigator } from './investigator.js';
import { generatePostmortem } from './postmortem.js';

/** Options of {@link replayScenario}. */
export interface ReplayScenarioOptions {
  scenario: ScenarioBundle;
  /** Sources to parse the scenario's payloads (`builtInSources()`). */
  sources: AlertSource[];
  /** An empty storage (e.g. `memoryStorage()`). */
  storage: Storage;
  /** The tools the investigation may call — recorded ones, never live (`recordedTools(scenario.recordings)`). */
  tools: Tool[];
  /** Without one, the rule-based analyst investigates. */
  model?: BaseChatModel;
  budgets?: Partial<InvestigationBudgets>;
  /** Expected confidence, checked with the root cause expectation. */
  expectConfidence?: Confidence;
  /** @default 'eval' */
  tenantId?: string;
}

/** One scenario's outcome, as `aurora eval` prints it. */
export interface ScenarioOutcome {
  name: string;
  incidents: number;
  rootCause: string | null;
  confidence: Confidence | null;
  auroraStatus: Incident['auroraStatus'] | null;
  citations: { key: string; tool: string; command: string; status: string }[];
  suggestions: { type: Suggestion['type']; title: string; command?: string; filePath?: string }[];
  commandsRun: string[];
  pass: boolean;
  reasons: string[];
}

const BASE = Date.parse('2026-01-01T00:00:00.000Z');

function arrival(at: string | number, first: number): number {
  if (typeof at === 'number') return first + at;
  const t = Date.parse(at);
  if (!Number.isFinite(t)) throw new AuroraError('INVALID_INPUT', `Scenario alert time ${at} is not a date`);
  return t;
}

/**
 * Replay a scenario bundle: each alert is parsed by its source and ingested at its time on a
 * manual clock (dedup, correlation, auto-resolve as in production); every investigation the
 * pipeline enqueues runs to completion before the next alert arrives. Then the main incident
 * (most alerts) is checked against `expect`.
 */
export async function replayScenario(options: ReplayScenarioOptions): Promise<ScenarioOutcome> {
  const { scenario, storage } = options;
  const tenantId = options.tenantId ?? 'eval';
  const alerts = [...scenario.alerts];
  const firstIso = alerts.find((a) => typeof a.at === 'string')?.at;
  const first = typeof firstIso === 'string' ? Date.parse(firstIso) : BASE;
  alerts.sort((a, b) => arrival(a.at, first) - arrival(b.at, first));
  const clock = manualClock(first);
  const ids = sequentialIds();
  const publisher = createEventPublisher(storage.events, inProcessEventBus());
  const pending: InvestigateJobPayload[] = [];
  const queue: JobQueue = {
    specificationVersion: 'v1',
    async enqueue(kind, payload) {
      if (kind === INVESTIGATE_JOB) pending.push(payload as InvestigateJobPayload);
      return { id: ids.next('job'), duplicate: false };
    },
    cancel: async () => false,
    work: async () => undefined,
    size: async () => ({ queued: pending.length, running: 0 }),
    stop: async () => undefined,
  };
  const pipeline = createIngestPipeline({
    storage,
    publisher,
    queue,
    clock,
    ids,
    hooks: {
      incidentResolved: (i) =>
        generatePostmortem({ storage, publisher, clock, ids }, i.tenantId, i.id).then(() => undefined),
    },
  });
  const investigator = createInvestigator({
    storage,
    publisher,
    clock,
    ids,
    tools: options.tools,
    model: options.model,
    budgets: options.budgets,
  });
  const sources = new Map(options.sources.map((s) => [s.id, s]));

  for (const a of alerts) {
    const source = sources.get(a.source);
    if (!source)
      throw new AuroraError('INVALID_INPUT', `Scenario ${scenario.name}: unknown source ${a.source}`);
    clock.set(arrival(a.at, first));
    const receivedAt = new Date(clock.now()).toISOString();
    const parsed = source.parse(a.payload, { headers: a.headers ?? {}, receivedAt });
    await pipeline.ingest({ tenantId, alerts: parsed });
    while (pending.length > 0) {
      const payload = pending.shift() as InvestigateJobPayload;
      const job: Job<InvestigateJobPayload> = {
        id: ids.next('job'),
        kind: INVESTIGATE_JOB,
        key: null,
        payload,
        attempt: 1,
        signal: new AbortController().signal,
      };
      await investigator.run(job);
    }
  }
  return evaluate(options, tenantId);
}

async function evaluate(options: ReplayScenarioOptions, tenantId: string): Promise<ScenarioOutcome> {
  const { storage, scenario } = options;
  const { items } = await storage.incidents.list(tenantId, { includeMerged: true, limit: 500 });
  const open = items.filter((i) => i.status !== 'merged');
  const main =
    [...open].sort((a, b) => b.alertCount - a.alertCount || a.startedAt.localeCompare(b.startedAt))[0] ??
    null;
  const citations = main ? await storage.citations.list(tenantId, main.id) : [];
  const suggestions = main ? await storage.suggestions.listByIncident(tenantId, main.id) : [];
  const reasons: string[] = [];
  if (!main) reasons.push('no incident was opened');
  if (main && main.auroraStatus !== 'complete') {
    reasons.push(
      `investigation ${main.auroraStatus}${main.auroraStatusReason ? `: ${main.auroraStatusReason}` : ''}`,
    );
  }
  const rootCause = main?.rootCause ?? '';
  const expected = scenario.expect?.rootCause;
  for (const word of expected?.mustMention ?? []) {
    if (!rootCause.toLowerCase().includes(word.toLowerCase()))
      reasons.push(`root cause does not mention "${word}"`);
  }
  if (expected?.service && main) {
    const s = expected.service.toLowerCase();
    if (!rootCause.toLowerCase().includes(s) && !main.affectedServices.some((x) => x.toLowerCase() === s)) {
      reasons.push(`root cause is not about service ${expected.service}`);
    }
  }
  if (options.expectConfidence && main?.confidence !== options.expectConfidence) {
    reasons.push(`confidence is ${main?.confidence ?? 'none'}, expected ${options.expectConfidence}`);
  }
  return {
    name: scenario.name,
    incidents: open.length,
    rootCause: main?.rootCause ?? null,
    confidence: main?.confidence ?? null,
    auroraStatus: main?.auroraStatus ?? null,
    citations: citations.map((c) => ({ key: c.key, tool: c.toolName, command: c.command, status: c.status })),
    suggestions: suggestions.map((s) =>
      s.type === 'diagnostic'
        ? { type: s.type, title: s.title, command: s.command }
        : { type: s.type, title: s.title, filePath: s.filePath },
    ),
    commandsRun: citations.map((c) => c.command),
    pass: reasons.length === 0,
    reasons,
  };
}
