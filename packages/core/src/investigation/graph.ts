import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  type AIMessageChunk,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import {
  Annotation,
  type BaseCheckpointSaver,
  END,
  MessagesAnnotation,
  START,
  StateGraph,
} from '@langchain/langgraph/web';
import { z } from 'zod';
import { AuroraError } from '../errors.js';
import type { Citation, Incident } from '../model/index.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { Storage } from '../spec/storage.js';
import type { Tool } from '../spec/tool.js';
import { defaultRedactor, type Redactor } from '../tools/redaction.js';
import { type Clock, isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';
import type { InvestigationBudgets } from './budgets.js';
import { renderUpdate } from './context.js';
import { CONCLUDE_PROMPT, retryPrompt } from './prompts.js';
import { InvestigationResult, SUBMIT_RESULT_TOOL } from './result.js';
import { runInvestigationTool } from './run-tool.js';
import { createThoughtWriter, shortHash, type Timers } from './thought-writer.js';
import { trimContext } from './trim.js';

/** Graph state. Everything in it is plain data, so a checkpointer can persist it. */
export const InvestigationState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** One id per fresh run; prefixes idempotency keys. */
  runId: Annotation<string>(),
  /** Model turns taken. */
  step: Annotation<number>(),
  /** Invalid or missing results so far. */
  resultAttempts: Annotation<number>(),
  seenAlertIds: Annotation<string[]>(),
  seenMergedIds: Annotation<string[]>(),
  result: Annotation<InvestigationResult | null>(),
});
export type InvestigationStateValue = typeof InvestigationState.State;

/** What the graph's nodes need for one run. */
export interface GraphRunDeps {
  storage: Storage;
  publisher: EventPublisher;
  clock: Clock;
  ids: IdGenerator;
  model: BaseChatModel;
  tools: Tool[];
  budgets: InvestigationBudgets;
  redactor?: Redactor;
  timers?: Timers;
  checkpointer?: BaseCheckpointSaver;
  incident: Incident;
  signal: AbortSignal;
  /** Epoch ms the run (in this process) started, for the wall-time budget. */
  startedAt: number;
  /**
   * Receives each node's promise. On abort the graph rejects at once while a node may still
   * be writing (its last thoughts); the caller waits for these before recording the outcome.
   */
  track?: (work: Promise<unknown>) => void;
}

/** Key under which a tool call with unparseable arguments keeps its raw text. */
const INVALID_ARGS = '__invalid_arguments';

type ToolDef = {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    return rest;
  } catch {
    return { type: 'object' };
  }
}

/** OpenAI-style function definitions (every LangChain provider accepts them). */
export function toolDefinitions(tools: Tool[]): ToolDef[] {
  return tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: jsonSchema(t.input as z.ZodType) },
  }));
}

/** The definition of the `submit_result` tool. */
export const submitResultDefinition: ToolDef = {
  type: 'function',
  function: {
    name: SUBMIT_RESULT_TOOL,
    description: 'Submit the final result of the investigation. Call exactly once, at the end.',
    parameters: jsonSchema(InvestigationResult),
  },
};

function bind(model: BaseChatModel, defs: ToolDef[]): Runnable<BaseMessage[], AIMessageChunk> {
  if (typeof model.bindTools !== 'function') {
    throw new AuroraError('INVALID_INPUT', `Chat model ${model._llmType()} does not support tool calling`);
  }
  return model.bindTools(defs) as Runnable<BaseMessage[], AIMessageChunk>;
}

function zodProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** The first JSON object in a text, parsed leniently (a model answering in prose with JSON). */
function jsonInText(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

function citationMessage(c: Citation): string {
  const reason = c.reason ? ` — ${c.reason}` : '';
  return `[citation ${c.key}] \`${c.command}\` status ${c.status}${reason}\n${c.output}`;
}

/**
 * Build the investigation graph: `observe` (pull alerts and merged incidents that arrived
 * mid-run, check the wall budget) → `agent` (one streamed model turn; text becomes thoughts)
 * → `act` (run tool calls, each cited as it runs; accept or reject the submitted result) →
 * back to `observe` until a valid result exists. A sub-agent fits in as another node
 * between `act` and `observe`.
 */
export function buildInvestigationGraph(deps: GraphRunDeps) {
  const { storage, publisher, clock, ids, incident, budgets, signal } = deps;
  const tenantId = incident.tenantId;
  const incidentId = incident.id;
  const toolsByName = new Map(deps.tools.map((t) => [t.name, t]));
  const full = bind(deps.model, [...toolDefinitions(deps.tools), submitResultDefinition]);
  const concludeOnly = bind(deps.model, [submitResultDefinition]);

  const checkWall = () => {
    if (clock.now() - deps.startedAt > budgets.maxWallMs) {
      throw new AuroraError(
        'TIMEOUT',
        `The investigation exceeded its time budget of ${Math.round(budgets.maxWallMs / 1000)} s`,
      );
    }
  };

  const observe = async (state: InvestigationStateValue) => {
    checkWall();
    const [alerts, merged] = await Promise.all([
      storage.alerts.listByIncident(tenantId, incidentId),
      storage.incidents.listMergedInto(tenantId, incidentId),
    ]);
    const newAlerts = alerts.filter((a) => !state.seenAlertIds.includes(a.id));
    const newMerged = merged.filter((m) => !state.seenMergedIds.includes(m.id));
    if (newAlerts.length === 0 && newMerged.length === 0) return {};
    // People watching see it too; the key keeps a resumed run from repeating the note.
    const note = [
      ...newAlerts.map((a) => `${a.kind === 'change' ? 'Change' : 'Alert'} "${a.title}" (${a.source})`),
      ...newMerged.map((m) => `incident "${m.title}" merged in`),
    ].join('; ');
    const thoughts = await storage.thoughts.append(
      tenantId,
      incidentId,
      [
        {
          content: `New evidence reached the investigation: ${note}.`,
          createdAt: isoNow(clock),
          kind: 'system',
          clientKey: `${state.runId}:observe:${shortHash([...newAlerts, ...newMerged].map((x) => x.id).join(','))}`,
        },
      ],
      () => ids.next('th'),
    );
    await publisher.publish({ type: 'thought', tenantId, incidentId, at: isoNow(clock), thoughts });
    return {
      messages: [new HumanMessage(renderUpdate(newAlerts, newMerged, budgets.maxAlertFieldChars))],
      seenAlertIds: [...state.seenAlertIds, ...newAlerts.map((a) => a.id)],
      seenMergedIds: [...state.seenMergedIds, ...newMerged.map((m) => m.id)],
    };
  };

  const agent = async (state: InvestigationStateValue) => {
    checkWall();
    const concluding = state.step >= budgets.maxSteps;
    const extra: BaseMessage[] = [];
    const last = state.messages[state.messages.length - 1];
    if (concluding && !(last instanceof HumanMessage && last.text === CONCLUDE_PROMPT)) {
      extra.push(new HumanMessage(CONCLUDE_PROMPT));
    }
    // Alert payloads and people's text are outside data: redact secrets before the model sees
    // them (tool output is already redacted by executeTool).
    const messages = redactForModel(trimContext([...state.messages, ...extra], budgets.maxContextChars), deps.redactor ?? defaultRedactor);
    const writer = createThoughtWriter({
      storage,
      publisher,
      clock,
      ids,
      tenantId,
      incidentId,
      keyPrefix: `${state.runId}:${state.step}`,
      timers: deps.timers,
      intervalMs: budgets.thoughtIntervalMs,
    });
    let message: AIMessageChunk | undefined;
    try {
      const stream = await (concluding ? concludeOnly : full).stream(messages, { signal });
      for await (const chunk of stream) {
        writer.push(chunk.text);
        message = message ? message.concat(chunk) : chunk;
      }
    } finally {
      // A tool boundary (or the end, or an abort): write what was said, even mid-sentence.
      await writer.close();
    }
    // Calls whose arguments were not valid JSON are kept (with the raw text) so `act` can answer them.
    const invalid = (message?.invalid_tool_calls ?? []).map((c, i) => ({
      type: 'tool_call' as const,
      name: c.name ?? 'unknown',
      args: { [INVALID_ARGS]: c.args ?? '' },
      id: c.id ?? `${state.runId}:${state.step}:invalid${i}`,
    }));
    const ai = new AIMessage({
      content: message?.content ?? '',
      tool_calls: [...(message?.tool_calls ?? []), ...invalid],
      ...(message?.id ? { id: message.id } : {}),
    });
    return { messages: [...extra, ai], step: state.step + 1 };
  };

  const fail = (attempts: number, problem: string) => {
    if (attempts > budgets.maxResultRetries) {
      throw new AuroraError(
        'UPSTREAM',
        `The model did not produce a valid result after ${attempts} attempts: ${problem}`,
      );
    }
  };

  const act = async (state: InvestigationStateValue) => {
    const ai = state.messages[state.messages.length - 1] as AIMessage;
    const calls = ai.tool_calls ?? [];
    if (calls.length === 0) {
      const parsed = InvestigationResult.safeParse(jsonInText(ai.text));
      if (parsed.success) return { result: parsed.data };
      const attempts = state.resultAttempts + 1;
      const problem = `you answered without calling ${SUBMIT_RESULT_TOOL}`;
      fail(attempts, problem);
      return { messages: [new HumanMessage(retryPrompt(problem))], resultAttempts: attempts };
    }
    const concluding = state.step > budgets.maxSteps;
    const existing = await storage.citations.list(tenantId, incidentId);
    const out: ToolMessage[] = [];
    let result: InvestigationResult | null = null;
    let problem: string | null = null;
    for (const [i, call] of calls.entries()) {
      const callId = call.id ?? `${state.runId}:${state.step}:${i}`;
      const reply = (content: string, status: 'success' | 'error' = 'success') =>
        out.push(new ToolMessage({ content, tool_call_id: callId, name: call.name, status }));
      if (INVALID_ARGS in call.args) {
        const why = `the arguments of ${call.name} were not valid JSON`;
        if (call.name === SUBMIT_RESULT_TOOL) problem = why;
        reply(`Not run: ${why}. Call it again with a JSON object.`, 'error');
        continue;
      }
      if (call.name === SUBMIT_RESULT_TOOL) {
        const parsed = InvestigationResult.safeParse(call.args);
        if (parsed.success) {
          result = parsed.data;
          reply('Result accepted.');
        } else {
          problem = `invalid ${SUBMIT_RESULT_TOOL} arguments (${zodProblem(parsed.error)})`;
          reply(retryPrompt(problem), 'error');
        }
        continue;
      }
      const tool = toolsByName.get(call.name);
      if (concluding || !tool) {
        reply(
          concluding ? 'Not run: the step budget is spent.' : `Not run: there is no tool named ${call.name}.`,
          'error',
        );
        continue;
      }
      // Namespaced by run: a resumed run reuses its citations, a re-investigation makes new ones.
      const clientKey = `${state.runId}:${callId}`;
      let citation = existing.find((c) => c.clientKey === clientKey);
      if (!citation) {
        const res = await runInvestigationTool(
          tool,
          call.args,
          { tenantId, incidentId, mode: 'investigation', signal, timeoutMs: budgets.toolTimeoutMs },
          { redactor: deps.redactor, clock, maxOutputChars: budgets.maxToolOutputChars },
        );
        citation = await storage.citations.append(
          tenantId,
          incidentId,
          {
            toolName: tool.name,
            command: res.command,
            input: call.args,
            output: res.output,
            status: res.status,
            reason: res.reason ?? null,
            executedAt: res.startedAt,
            durationMs: res.durationMs,
            origin: 'investigation',
            clientKey,
          },
          () => ids.next('cit'),
        );
        await publisher.publish({ type: 'citation', tenantId, incidentId, at: isoNow(clock), citation });
      }
      reply(citationMessage(citation), citation.status === 'error' ? 'error' : 'success');
    }
    if (result) return { messages: out, result };
    if (problem || concluding) {
      const attempts = state.resultAttempts + 1;
      fail(attempts, problem ?? `no ${SUBMIT_RESULT_TOOL} call after the step budget was spent`);
      return { messages: out, resultAttempts: attempts };
    }
    return { messages: out };
  };

  const tracked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const work = fn(...args);
      deps.track?.(work.catch(() => undefined));
      return work;
    };

  return new StateGraph(InvestigationState)
    .addNode('observe', observe)
    .addNode('agent', tracked(agent))
    .addNode('act', tracked(act))
    .addEdge(START, 'observe')
    .addEdge('observe', 'agent')
    .addEdge('agent', 'act')
    .addConditionalEdges('act', (s: InvestigationStateValue) => (s.result ? END : 'observe'), [
      'observe',
      END,
    ])
    .compile(deps.checkpointer ? { checkpointer: deps.checkpointer } : {});
}

/** Copies of human and system messages with secrets redacted; other messages unchanged. */
export function redactForModel(messages: BaseMessage[], redactor: Redactor): BaseMessage[] {
  return messages.map((m) => {
    if (typeof m.content !== 'string') return m;
    if (m instanceof HumanMessage) {
      const content = redactor.redact(m.content);
      return content === m.content ? m : new HumanMessage({ content, id: m.id, additional_kwargs: m.additional_kwargs });
    }
    if (m instanceof SystemMessage) {
      const content = redactor.redact(m.content);
      return content === m.content ? m : new SystemMessage({ content, id: m.id, additional_kwargs: m.additional_kwargs });
    }
    return m;
  });
}
