import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, RemoveMessage, SystemMessage } from '@langchain/core/messages';
import { type BaseCheckpointSaver, REMOVE_ALL_MESSAGES } from '@langchain/langgraph/web';
import { AuroraError } from '../errors.js';
import { type Incident, type IncidentPatch, isOpen } from '../model/index.js';
import type { InvestigateJobPayload } from '../runtime/jobs.js';
import type { EventPublisher } from '../runtime/publisher.js';
import { abortReasonText, isShutdownReason } from '../runtime/shutdown.js';
import type { Job } from '../spec/job-queue.js';
import type { Storage } from '../spec/storage.js';
import type { Tool } from '../spec/tool.js';
import type { Redactor } from '../tools/index.js';
import { type Clock, isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';
import { alertFieldTool, READ_ALERT_FIELD_TOOL } from './alert-field-tool.js';
import { type InvestigationBudgets, resolveBudgets } from './budgets.js';
import { loadContext, renderContext } from './context.js';
import { applyResult } from './finish.js';
import { buildInvestigationGraph } from './graph.js';
import { SYSTEM_PROMPT } from './prompts.js';
import { ruleBasedAnalyst } from './rule-based-analyst.js';
import type { Timers } from './thought-writer.js';

/** `auroraStatusReason` of an investigation stopped by a worker shutdown (it resumes on retry). */
export const INTERRUPTED_NOTE = 'Interrupted by a worker shutdown; it will resume';

/** What {@link createInvestigator} needs. */
export interface InvestigatorDeps {
  storage: Storage;
  publisher: EventPublisher;
  clock: Clock;
  ids: IdGenerator;
  /** Diagnostic tools; only read calls the policy allows ever run. */
  tools: Tool[];
  /** Any LangChain chat model with tool calling. Without one, the rule-based analyst runs. */
  model?: BaseChatModel;
  redactor?: Redactor;
  budgets?: Partial<InvestigationBudgets>;
  /** Persist graph state per incident (thread id = incident id) so a crashed run resumes. */
  checkpointer?: BaseCheckpointSaver;
  /** Timers for thought flushing. @default globalThis */
  timers?: Timers;
}

/** Runs investigation jobs: `queue.work(INVESTIGATE_JOB, investigator.run)`. */
export interface Investigator {
  /** Investigate one incident. Resolves when the incident has a terminal `auroraStatus`. */
  run(job: Job<InvestigateJobPayload>): Promise<void>;
}

/**
 * Creates the background investigator. A run sets `auroraStatus` to `running`, executes the
 * LangGraph workflow and ends in exactly one of: `complete` (status `analyzed`, findings and
 * suggestions stored), `failed` (reason shown), `cancelled` (job signal aborted; the reason is
 * recorded as a system thought) — never left `running`. A worker shutdown instead marks it
 * `queued` and rethrows so a durable queue retries it; with a checkpointer the retry resumes
 * from the last completed step.
 *
 * @example
 * ```ts
 * const investigator = createInvestigator({ storage, publisher, clock, ids, tools, model });
 * await queue.work(INVESTIGATE_JOB, investigator.run);
 * ```
 */
export function createInvestigator(deps: InvestigatorDeps): Investigator {
  const budgets = resolveBudgets(deps.budgets);
  const { storage, publisher, clock, ids } = deps;
  const tools = deps.tools.some((t) => t.name === READ_ALERT_FIELD_TOOL)
    ? deps.tools
    : [...deps.tools, alertFieldTool(storage)];

  async function patch(incident: Incident, changes: IncidentPatch): Promise<Incident> {
    const updated = await storage.incidents.update(incident.tenantId, incident.id, changes);
    await publisher.publish({
      type: 'incident.updated',
      tenantId: updated.tenantId,
      incidentId: updated.id,
      at: isoNow(clock),
      incident: updated,
      changes: Object.keys(changes),
    });
    return updated;
  }

  async function systemThought(incident: Incident, content: string): Promise<void> {
    const thoughts = await storage.thoughts.append(
      incident.tenantId,
      incident.id,
      [{ content, createdAt: isoNow(clock), kind: 'system' }],
      () => ids.next('th'),
    );
    await publisher.publish({
      type: 'thought',
      tenantId: incident.tenantId,
      incidentId: incident.id,
      at: isoNow(clock),
      thoughts,
    });
  }

  /** Set a terminal auroraStatus only while this run still owns it (`running`). */
  async function settle(tenantId: string, id: string, changes: IncidentPatch): Promise<void> {
    const current = await storage.incidents.get(tenantId, id);
    if (current?.auroraStatus !== 'running') return;
    await patch(current, changes);
  }

  async function run(job: Job<InvestigateJobPayload>): Promise<void> {
    const { tenantId, incidentId } = job.payload;
    const initial = await storage.incidents.get(tenantId, incidentId);
    if (!initial || !isOpen(initial.status) || job.signal.aborted) return;
    // `running` at the start means the last worker died mid-run, `queued` with the shutdown note
    // that it was stopped: either way, continue from its checkpoint.
    const interrupted =
      initial.auroraStatus === 'running' ||
      (initial.auroraStatus === 'queued' && initial.auroraStatusReason === INTERRUPTED_NOTE);
    const resume = Boolean(deps.checkpointer) && interrupted;
    let incident = await patch(initial, { auroraStatus: 'running', auroraStatusReason: null });

    const wall = new AbortController();
    const onJobAbort = () => wall.abort(job.signal.reason);
    job.signal.addEventListener('abort', onJobAbort, { once: true });
    const wallTimer = setTimeout(
      () =>
        wall.abort(
          new AuroraError(
            'TIMEOUT',
            `The investigation exceeded its time budget of ${Math.round(budgets.maxWallMs / 1000)} s`,
          ),
        ),
      budgets.maxWallMs,
    );
    let settled = false;
    const inflight = new Set<Promise<unknown>>();
    // After an abort, let running nodes write their last thoughts first (bounded wait).
    const drain = async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.all(inflight), new Promise((r) => (timer = setTimeout(r, 500)))]);
      clearTimeout(timer);
    };
    try {
      const graph = buildInvestigationGraph({
        storage,
        publisher,
        clock,
        ids,
        model: deps.model ?? ruleBasedAnalyst(),
        tools,
        // The rule-based analyst runs locally and reads every output: no context window to fit.
        budgets: deps.model ? budgets : { ...budgets, maxContextChars: Number.MAX_SAFE_INTEGER },
        redactor: deps.redactor,
        timers: deps.timers,
        checkpointer: deps.checkpointer,
        incident,
        signal: wall.signal,
        startedAt: clock.now(),
        track: (work) => {
          inflight.add(work);
          void work.finally(() => inflight.delete(work));
        },
      });
      const config = {
        configurable: { thread_id: incidentId },
        signal: wall.signal,
        recursionLimit: budgets.maxSteps * 3 + budgets.maxResultRetries * 3 + 12,
        durability: 'sync' as const,
      };
      let input: Record<string, unknown> | null = null;
      if (!(resume && (await graph.getState(config)).next.length > 0)) {
        const ctx = await loadContext(storage, tenantId, incident);
        input = {
          messages: [
            new RemoveMessage({ id: REMOVE_ALL_MESSAGES }),
            new SystemMessage(SYSTEM_PROMPT),
            new HumanMessage(renderContext(ctx, budgets.maxAlertFieldChars)),
          ],
          runId: ids.next('run'),
          step: 0,
          resultAttempts: 0,
          seenAlertIds: [...ctx.alerts, ...ctx.changes.filter((c) => c.incidentId === incidentId)].map(
            (a) => a.id,
          ),
          seenMergedIds: ctx.merged.map((m) => m.id),
          result: null,
        };
      }
      const final = await graph.invoke(input, config);
      if (wall.signal.aborted) throw wall.signal.reason;
      if (!final.result) throw new AuroraError('INTERNAL', 'The investigation ended without a result');
      incident = await applyResult({ storage, publisher, clock, ids, tools }, incident, final.result);
      settled = true;
    } catch (error) {
      await drain();
      if (job.signal.aborted) {
        const reason = job.signal.reason;
        if (isShutdownReason(reason)) {
          await settle(tenantId, incidentId, {
            auroraStatus: 'queued',
            auroraStatusReason: INTERRUPTED_NOTE,
          });
          settled = true;
          throw reason;
        }
        const text = abortReasonText(reason);
        await systemThought(incident, `Investigation cancelled: ${text}`);
        await settle(tenantId, incidentId, { auroraStatus: 'cancelled', auroraStatusReason: text });
        settled = true;
        return;
      }
      const message = wall.signal.aborted ? abortReasonText(wall.signal.reason) : errorText(error);
      await settle(tenantId, incidentId, { auroraStatus: 'failed', auroraStatusReason: message });
      settled = true;
    } finally {
      clearTimeout(wallTimer);
      job.signal.removeEventListener('abort', onJobAbort);
      if (!settled) {
        await settle(tenantId, incidentId, {
          auroraStatus: 'failed',
          auroraStatusReason: 'The investigation stopped unexpectedly',
        }).catch(() => undefined);
      }
    }
  }

  return { run };
}

function errorText(error: unknown): string {
  if (AuroraError.isInstance(error)) return error.message;
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
