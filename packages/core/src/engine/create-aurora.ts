import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { AuroraError, notFound } from '../errors.js';
import type { CorrelationOptionsInput } from '../correlation/index.js';
import type { IngestPipeline } from '../ingest/index.js';
import { createIngestPipeline } from '../ingest/index.js';
import { createInvestigator, generatePostmortem, type InvestigationBudgets } from '../investigation/index.js';
import type { Incident, Suggestion } from '../model/index.js';
import { inProcessEventBus, inProcessQueue } from '../runtime/index.js';
import { CHAT_JOB, INVESTIGATE_JOB } from '../runtime/jobs.js';
import { createEventPublisher } from '../runtime/publisher.js';
import type { AlertSource } from '../spec/alert-source.js';
import { resolveAlertSource } from '../spec/alert-source.js';
import type { CodeHost } from '../spec/code-host.js';
import type { EventBus } from '../spec/event-bus.js';
import type { JobQueue } from '../spec/job-queue.js';
import { resolveStorage, type Storage } from '../spec/storage.js';
import type { Tool } from '../spec/tool.js';
import { resolveTool } from '../spec/tool.js';
import type { TopologyProvider } from '../spec/topology.js';
import { createRedactor, executeTool, type Redactor } from '../tools/index.js';
import { type Clock, isoNow, systemClock } from '../util/clock.js';
import { type IdGenerator, sortableIds } from '../util/ids.js';
import { createChatService } from './chat.js';
import { runAndCite, type ToolExecutor } from './run-and-cite.js';
import { fixBranchName, fixFiles, renderFixPullRequest } from './pull-request.js';
import type { Actor, Aurora } from './types.js';
import { ingestWebhook } from './webhook.js';

/** Options of {@link createAurora}. Only `storage` is required. */
export interface AuroraOptions {
  storage: Storage;
  /** Alert sources that may receive webhooks (`builtInSources()` from `@aurora-rca/adapters/sources`). */
  sources?: AlertSource[];
  /** Job queue. @default in-process (p-queue) */
  queue?: JobQueue;
  /** Event bus. @default in-process (eventemitter3) */
  bus?: EventBus;
  /** Diagnostic tools available to investigations, chat and suggestions. */
  tools?: Tool[];
  /** Any LangChain chat model with tool calling. Without one, the rule-based analyst investigates. */
  model?: BaseChatModel;
  /** Embeddings for semantic correlation. @default the built-in local lexical embedder */
  embeddings?: EmbeddingsInterface;
  topology?: TopologyProvider;
  correlation?: CorrelationOptionsInput;
  /** Opens fix pull requests (`githubCodeHost` from `@aurora-rca/adapters/github`). */
  codeHost?: CodeHost;
  /** Link back to an incident, used in pull requests. */
  incidentUrl?: (incident: Incident) => string | null;
  investigation?: Partial<InvestigationBudgets>;
  /** LangGraph checkpointer so a crashed investigation resumes (`postgresCheckpointer`). */
  checkpointer?: BaseCheckpointSaver;
  redactor?: Redactor;
  /** Background workers started by `start()`. `false` makes this process API-only. */
  workers?: { investigations?: number; chat?: number } | false;
  /** Per-tool time limit. @default 30_000 */
  toolTimeoutMs?: number;
  clock?: Clock;
  ids?: IdGenerator;
  /** Errors that cannot fail a request (a postmortem that could not be generated, …). @default console.error */
  onError?: (error: unknown, context: Record<string, unknown>) => void;
}

/**
 * Creates the engine: ingestion, correlation, investigations, chat, suggestions, events.
 *
 * @example
 * ```ts
 * import { createAurora } from '@aurora-rca/core';
 * import { memoryStorage } from '@aurora-rca/storage-memory';
 * import { builtInSources } from '@aurora-rca/adapters/sources';
 *
 * const aurora = createAurora({ storage: memoryStorage(), sources: builtInSources() });
 * await aurora.start();
 * ```
 */
export function createAurora(options: AuroraOptions): Aurora {
  const storage = resolveStorage(options.storage);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? sortableIds(clock);
  const queue = options.queue ?? inProcessQueue({ concurrency: 4 });
  const bus = options.bus ?? inProcessEventBus();
  const publisher = createEventPublisher(storage.events, bus);
  const redactor = options.redactor ?? createRedactor();
  const tools = (options.tools ?? []).map((t) => resolveTool(t));
  const sources = new Map((options.sources ?? []).map((s) => [s.id, resolveAlertSource(s)] as const));
  const toolTimeoutMs = options.toolTimeoutMs ?? 30_000;
  const onError =
    options.onError ??
    ((error: unknown, context: Record<string, unknown>) => console.error('[aurora]', context, error));

  const pipeline: IngestPipeline = createIngestPipeline({
    storage,
    publisher,
    queue,
    clock,
    ids,
    correlation: options.correlation,
    embeddings: options.embeddings,
    topology: options.topology,
    hooks: {
      hookFailed: (error, context) => onError(error, context),
      incidentResolved: async (incident) => {
        await generatePostmortem(
          { storage, publisher, clock, ids, model: options.model },
          incident.tenantId,
          incident.id,
        );
      },
    },
  });

  const investigator = createInvestigator({
    storage,
    publisher,
    clock,
    ids,
    tools,
    model: options.model,
    redactor,
    budgets: options.investigation,
    checkpointer: options.checkpointer,
  });

  const runTool: ToolExecutor = (tool, input, ctx) =>
    executeTool(tool, input, { ...ctx, timeoutMs: toolTimeoutMs }, { redactor });

  const chat = createChatService({
    storage,
    publisher,
    queue,
    clock,
    ids,
    tools,
    model: options.model,
    executeTool: runTool,
    redactor,
  });

  async function requireIncident(actor: Actor, id: string): Promise<Incident> {
    const incident = await storage.incidents.get(actor.tenantId, id);
    if (!incident) throw notFound('Incident', id);
    return incident;
  }

  async function requireSuggestion(actor: Actor, id: string): Promise<Suggestion> {
    const s = await storage.suggestions.get(actor.tenantId, id);
    if (!s) throw notFound('Suggestion', id);
    return s;
  }

  async function publishSuggestion(s: Suggestion) {
    await publisher.publish({
      type: 'suggestion',
      tenantId: s.tenantId,
      incidentId: s.incidentId,
      at: isoNow(clock),
      suggestion: s,
    });
  }

  let started = false;

  const aurora: Aurora = {
    storage,
    queue,
    bus,
    clock,
    ids,
    sources,

    ingestWebhook: ({ integration, request }) =>
      ingestWebhook({ storage, sources, pipeline, clock, ids }, integration, request),

    incidents: {
      async list(actor, query = {}) {
        return storage.incidents.list(actor.tenantId, {
          status: query.status,
          limit: query.limit,
          cursor: query.cursor,
          includeMerged: query.includeMerged,
        });
      },
      get: requireIncident,
      async detail(actor, id) {
        const incident = await requireIncident(actor, id);
        const t = actor.tenantId;
        const [alerts, thoughts, citations, suggestions, chatSessions, postmortem, mergedFrom] =
          await Promise.all([
            storage.alerts.listByIncident(t, id),
            storage.thoughts.list(t, id),
            storage.citations.list(t, id),
            storage.suggestions.listByIncident(t, id),
            storage.chat.listSessions(t, id),
            storage.postmortems.latest(t, id),
            storage.incidents.listMergedInto(t, id),
          ]);
        return { incident, alerts, thoughts, citations, suggestions, chatSessions, postmortem, mergedFrom };
      },
      async create(actor, body) {
        return pipeline.openIncident({ tenantId: actor.tenantId, ...body });
      },
      async update(actor, id, patch) {
        await requireIncident(actor, id);
        return pipeline.updateIncident(actor.tenantId, id, patch, { by: actor.userId });
      },
      async merge(actor, sourceId, targetId) {
        return pipeline.merge(actor.tenantId, sourceId, targetId, { by: actor.userId });
      },
    },

    chat: {
      ask: (actor, incidentId, input) => chat.ask(actor, incidentId, input),
      session: (actor, id) => chat.session(actor, id),
      decide: (actor, sessionId, approvalId, decision) => chat.decide(actor, sessionId, approvalId, decision),
    },

    suggestions: {
      async edit(actor, id, userEditedContent) {
        const s = await requireSuggestion(actor, id);
        if (s.type !== 'fix')
          throw new AuroraError('INVALID_INPUT', 'Only fix suggestions have editable content');
        if (s.status === 'applied')
          throw new AuroraError('CONFLICT', `Fix already applied as ${s.prUrl}`, {
            details: { prUrl: s.prUrl },
          });
        const updated = await storage.suggestions.update(actor.tenantId, id, {
          userEditedContent,
          updatedAt: isoNow(clock),
        } as Partial<Suggestion>);
        await publishSuggestion(updated);
        return updated;
      },
      async apply(actor, id) {
        const s = await requireSuggestion(actor, id);
        if (s.type !== 'fix')
          throw new AuroraError(
            'INVALID_INPUT',
            'Only fix suggestions can be applied; run diagnostics with /execute',
          );
        if (s.prUrl) {
          throw new AuroraError('CONFLICT', `Fix already applied: ${s.prUrl}`, {
            details: { prUrl: s.prUrl, prNumber: s.prNumber, branch: s.branch },
          });
        }
        if (!options.codeHost)
          throw new AuroraError('INVALID_INPUT', 'No code host is configured; pass codeHost to createAurora');
        const incident = await requireIncident(actor, s.incidentId);
        const citations = await storage.citations.list(actor.tenantId, s.incidentId);
        const text = renderFixPullRequest({
          incident,
          fix: s,
          citations,
          incidentUrl: options.incidentUrl?.(incident) ?? null,
        });
        const branch = fixBranchName(incident.id, clock.now());
        const pr = await options.codeHost.openPullRequest({
          repository: s.repository,
          branch,
          title: text.title,
          body: text.body,
          commitMessage: `${text.title}\n\nIncident ${incident.id}`,
          files: fixFiles(s),
        });
        const updated = await storage.suggestions.update(
          actor.tenantId,
          id,
          {
            status: 'applied',
            prUrl: pr.url,
            prNumber: pr.number,
            branch: pr.branch,
            updatedAt: isoNow(clock),
          } as Partial<Suggestion>,
          { ifStatus: ['proposed', 'failed'] },
        );
        await publishSuggestion(updated);
        return { suggestion: updated, pullRequest: pr };
      },
      async execute(actor, id) {
        const s = await requireSuggestion(actor, id);
        if (s.type !== 'diagnostic')
          throw new AuroraError('INVALID_INPUT', 'Only diagnostic suggestions can be executed');
        const tool = tools.find((t) => t.name === s.tool);
        if (!tool) throw new AuroraError('INVALID_INPUT', `Tool ${s.tool} is not configured`);
        // People run suggestions with the same read-only policy as ask mode.
        const { result, citation } = await runAndCite(
          { storage, publisher, clock, ids, executeTool: runTool },
          {
            tenantId: actor.tenantId,
            incidentId: s.incidentId,
            tool,
            input: { args: s.args },
            mode: 'ask',
            signal: new AbortController().signal,
            origin: 'suggestion',
          },
        );
        const updated = await storage.suggestions.update(actor.tenantId, id, {
          status: result.status === 'error' ? 'failed' : 'executed',
          resultCitationKey: citation.key,
          updatedAt: isoNow(clock),
        } as Partial<Suggestion>);
        await publishSuggestion(updated);
        return { suggestion: updated, citation };
      },
    },

    subscribe: (tenantId, filter, listener) => bus.subscribe(tenantId, filter, listener),
    eventsAfter: (tenantId, afterId, filter = {}) =>
      storage.events.listAfter(tenantId, { afterId, incidentId: filter.incidentId, limit: filter.limit }),

    async start() {
      if (started || options.workers === false) return;
      started = true;
      const w = options.workers || {};
      await queue.work(INVESTIGATE_JOB, investigator.run, { concurrency: w.investigations ?? 2 });
      await queue.work(CHAT_JOB, chat.run, { concurrency: w.chat ?? 2 });
    },

    async close({ timeoutMs = 10_000, closeStorage = true } = {}) {
      await queue.stop({ graceful: true, timeoutMs });
      await bus.close();
      if (closeStorage) await storage.close();
    },
  };
  return aurora;
}
