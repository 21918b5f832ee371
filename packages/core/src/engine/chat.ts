import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { tool as lcTool } from '@langchain/core/tools';
import { AuroraError, notFound } from '../errors.js';
import type { ChatMessage, ChatMode, ChatSession, Incident } from '../model/index.js';
import { isOpen } from '../model/index.js';
import { CHAT_JOB, type ChatJobPayload, chatKey } from '../runtime/jobs.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { Job, JobQueue } from '../spec/job-queue.js';
import type { Storage } from '../spec/storage.js';
import type { ApprovalGrant, Tool, ToolResult } from '../spec/tool.js';
import { defaultRedactor, type Redactor } from '../tools/redaction.js';
import type { Clock } from '../util/clock.js';
import { isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';
import { answerFromRecord, citedKeys, historyText, incidentContext } from './chat-context.js';
import { runAndCite as runAndCiteCall, type ToolExecutor } from './run-and-cite.js';
import type { Actor } from './types.js';

export interface ChatServiceDeps {
  storage: Storage;
  publisher: EventPublisher;
  queue: JobQueue;
  clock: Clock;
  ids: IdGenerator;
  tools: Tool[];
  model?: BaseChatModel;
  executeTool: ToolExecutor;
  /** Secrets in the incident record and questions are redacted before the model sees them. @default defaultRedactor */
  redactor?: Redactor;
  /** Model steps per answer. @default 6 */
  maxSteps?: number;
}

const SYSTEM_PROMPT = `You are Aurora, an SRE assistant answering follow-up questions about one incident.
Use the incident record below. Cite command output as [n] using the citation keys shown; cite only keys that exist.
In ask mode you may only run read-only diagnostic tools. In agent mode you may propose a write command by calling a tool;
it will run only after a person approves it. Never ask for or reveal secrets. Be concise.`;

/** Follow-up chat: sessions, background answers, approvals for write commands in agent mode. */
export function createChatService(deps: ChatServiceDeps) {
  const { storage, publisher, clock, ids } = deps;
  const toolsByName = new Map(deps.tools.map((t) => [t.name, t]));
  const newId = (p: string) => () => ids.next(p);

  async function requireIncident(tenantId: string, id: string): Promise<Incident> {
    const incident = await storage.incidents.get(tenantId, id);
    if (!incident) throw notFound('Incident', id);
    return incident;
  }

  async function requireSession(tenantId: string, id: string): Promise<ChatSession> {
    const session = await storage.chat.getSession(tenantId, id);
    if (!session) throw notFound('Chat session', id);
    return session;
  }

  async function publishSession(session: ChatSession) {
    await publisher.publish({
      type: 'chat.session',
      tenantId: session.tenantId,
      incidentId: session.incidentId,
      at: isoNow(clock),
      session,
    });
  }

  async function appendMessage(session: ChatSession, draft: Parameters<Storage['chat']['appendMessage']>[2]) {
    const message = await storage.chat.appendMessage(session.tenantId, session.id, draft, newId('msg'));
    await publisher.publish({
      type: 'chat.message',
      tenantId: session.tenantId,
      incidentId: session.incidentId,
      at: message.createdAt,
      message,
    });
    return message;
  }

  async function updateMessage(
    session: ChatSession,
    id: string,
    patch: Parameters<Storage['chat']['updateMessage']>[2],
  ) {
    const message = await storage.chat.updateMessage(session.tenantId, id, {
      ...patch,
      updatedAt: isoNow(clock),
    });
    await publisher.publish({
      type: 'chat.message',
      tenantId: session.tenantId,
      incidentId: session.incidentId,
      at: message.updatedAt,
      message,
    });
    return message;
  }

  async function setSessionStatus(session: ChatSession, status: ChatSession['status']) {
    const updated = await storage.chat.updateSession(session.tenantId, session.id, {
      status,
      updatedAt: isoNow(clock),
    });
    await publishSession(updated);
    return updated;
  }

  async function ask(
    actor: Actor,
    incidentId: string,
    input: { question: string; mode: ChatMode; sessionId?: string | null },
  ) {
    await requireIncident(actor.tenantId, incidentId);
    let session: ChatSession;
    const now = isoNow(clock);
    if (input.sessionId) {
      session = await requireSession(actor.tenantId, input.sessionId);
      // A session of another incident is as invisible as one of another tenant.
      if (session.incidentId !== incidentId) throw notFound('Chat session', input.sessionId);
      if (session.status === 'awaiting_approval') {
        throw new AuroraError(
          'CONFLICT',
          'This session is waiting for an approval decision; approve or deny it first',
        );
      }
      if (session.mode !== input.mode)
        session = await storage.chat.updateSession(actor.tenantId, session.id, {
          mode: input.mode,
          updatedAt: now,
        });
    } else {
      session = await storage.chat.createSession({
        id: ids.next('chat'),
        tenantId: actor.tenantId,
        incidentId,
        mode: input.mode,
        status: 'idle',
        title: input.question.slice(0, 120),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
    }
    const message = await appendMessage(session, {
      role: 'user',
      content: input.question,
      status: 'complete',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await setSessionStatus(session, 'running');
    await deps.queue.enqueue<ChatJobPayload>(
      CHAT_JOB,
      { tenantId: actor.tenantId, sessionId: session.id, messageId: message.id },
      { key: `${chatKey(session.id)}:${message.id}`, retryLimit: 1 },
    );
    return { sessionId: session.id, messageId: message.id };
  }

  async function session(actor: Actor, id: string) {
    const s = await requireSession(actor.tenantId, id);
    return { session: s, messages: await storage.chat.listMessages(actor.tenantId, id) };
  }

  async function decide(
    actor: Actor,
    sessionId: string,
    approvalId: string,
    decision: { decision: 'approve' | 'deny'; reason?: string },
  ) {
    const s = await requireSession(actor.tenantId, sessionId);
    const messages = await storage.chat.listMessages(actor.tenantId, sessionId);
    const target = messages.find((m) => m.approval?.id === approvalId);
    if (!target?.approval) throw notFound('Approval', approvalId);
    if (target.approval.status !== 'pending') {
      throw new AuroraError('CONFLICT', `Approval ${approvalId} was already ${target.approval.status}`, {
        details: { approval: target.approval },
      });
    }
    const decided = await updateMessage(s, target.id, {
      approval: {
        ...target.approval,
        status: decision.decision === 'approve' ? 'approved' : 'denied',
        decidedBy: actor.userId ?? 'unknown',
        decidedAt: isoNow(clock),
        reason: decision.reason ?? target.approval.reason,
      },
    });
    await setSessionStatus(s, 'running');
    await deps.queue.enqueue<ChatJobPayload>(
      CHAT_JOB,
      { tenantId: actor.tenantId, sessionId, messageId: target.id },
      { key: `${chatKey(sessionId)}:${target.id}:decided`, retryLimit: 1 },
    );
    return decided;
  }

  /** Runs an approved (or denied) command and records the outcome as a tool message. */
  async function settleApproval(s: ChatSession, message: ChatMessage, signal: AbortSignal): Promise<void> {
    const approval = message.approval!;
    if (approval.status === 'denied') {
      await appendMessage(s, {
        role: 'system',
        content: `Not run: ${approval.decidedBy ?? 'a person'} denied \`${approval.command}\`${approval.reason ? ` (${approval.reason})` : ''}.`,
        createdAt: isoNow(clock),
        updatedAt: isoNow(clock),
      });
      return;
    }
    const tool = toolsByName.get(approval.tool);
    if (!tool) throw new AuroraError('NOT_FOUND', `Tool ${approval.tool} is no longer available`);
    const grant: ApprovalGrant = {
      approvalId: approval.id,
      approvedBy: approval.decidedBy ?? 'unknown',
      approvedAt: approval.decidedAt ?? isoNow(clock),
      tool: approval.tool,
      args: approval.args,
    };
    await runAndCite(s, tool, { args: approval.args }, signal, grant, `approval:${approval.id}`);
  }

  async function runAndCite(
    s: ChatSession,
    tool: Tool,
    input: unknown,
    signal: AbortSignal,
    approval: ApprovalGrant | undefined,
    clientKey: string,
  ) {
    const { result, citation } = await runAndCiteCall(deps, {
      tenantId: s.tenantId,
      incidentId: s.incidentId,
      tool,
      input,
      mode: s.mode,
      signal,
      approval,
      origin: 'chat',
      clientKey: `${s.id}:${clientKey}`,
    });
    await appendMessage(s, {
      role: 'tool',
      content: `[${citation.key}] \`${citation.command}\` (${citation.status})${result.reason ? ` — ${result.reason}` : ''}\n\n${citation.output}`,
      citationKeys: [citation.key],
      createdAt: isoNow(clock),
      updatedAt: isoNow(clock),
    });
    return { result, citation };
  }

  async function answerWithModel(
    s: ChatSession,
    model: BaseChatModel,
    incident: Incident,
    signal: AbortSignal,
  ): Promise<void> {
    const [thoughts, citations, history] = await Promise.all([
      storage.thoughts.list(s.tenantId, s.incidentId),
      storage.citations.list(s.tenantId, s.incidentId),
      storage.chat.listMessages(s.tenantId, s.id),
    ]);
    const redact = (text: string) => (deps.redactor ?? defaultRedactor).redact(text);
    const messages: BaseMessage[] = [
      new SystemMessage(
        redact(`${SYSTEM_PROMPT}\nMode: ${s.mode}\n\n${incidentContext(incident, thoughts, citations)}`),
      ),
    ];
    for (const m of history) {
      if (m.role === 'user') messages.push(new HumanMessage(redact(m.content)));
      else if (m.content) messages.push(new AIMessage(redact(historyText(m))));
    }
    const lcTools = deps.tools.map((t) =>
      lcTool(async () => '', { name: t.name, description: t.description, schema: t.input as never }),
    );
    const bound = lcTools.length && typeof model.bindTools === 'function' ? model.bindTools(lcTools) : model;
    const now = isoNow(clock);
    let answer = await appendMessage(s, {
      role: 'assistant',
      content: '',
      status: 'streaming',
      createdAt: now,
      updatedAt: now,
    });
    for (let step = 0; step < (deps.maxSteps ?? 6); step++) {
      let text = '';
      let full: AIMessage | undefined;
      let lastFlush = clock.now();
      for await (const chunk of await bound.stream(messages, { signal })) {
        full = full ? (full as any).concat(chunk) : (chunk as any);
        const piece = typeof chunk.content === 'string' ? chunk.content : '';
        if (piece) {
          text += piece;
          if (clock.now() - lastFlush > 250) {
            lastFlush = clock.now();
            answer = await updateMessage(s, answer.id, { content: text });
          }
        }
      }
      const toolCalls = (full as AIMessage | undefined)?.tool_calls ?? [];
      if (!toolCalls.length) {
        const valid = new Set(
          (await storage.citations.list(s.tenantId, s.incidentId))
            .filter((c) => c.status === 'ok')
            .map((c) => c.key),
        );
        // Cite only citations that exist and succeeded; invalid markers are dropped from the text.
        const cleaned = text.replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (_m, group: string) => {
          const keys = group
            .split(',')
            .map((k) => k.trim())
            .filter((k) => valid.has(k));
          return keys.length ? `[${keys.join(', ')}]` : '';
        });
        await updateMessage(s, answer.id, {
          content: cleaned.trim() || '(no answer)',
          status: 'complete',
          citationKeys: citedKeys(cleaned),
        });
        return;
      }
      messages.push(new AIMessage({ content: text, tool_calls: toolCalls }));
      for (const call of toolCalls) {
        const tool = toolsByName.get(call.name);
        if (!tool) {
          messages.push(
            new ToolMessage({ tool_call_id: call.id ?? call.name, content: `Unknown tool ${call.name}` }),
          );
          continue;
        }
        const parsed = tool.input.safeParse(call.args);
        const decision =
          parsed.success && tool.classify
            ? tool.classify(parsed.data, { tenantId: s.tenantId, mode: s.mode })
            : { decision: 'allow' as const, reason: 'read-only tool' };
        if (parsed.success && decision.decision === 'ask' && s.mode === 'agent') {
          const args = Array.isArray((parsed.data as { args?: unknown }).args)
            ? (parsed.data as { args: string[] }).args
            : [];
          const command = tool.describe(parsed.data);
          await updateMessage(s, answer.id, {
            content: text || `I need to run \`${command}\`.`,
            status: 'complete',
          });
          await appendMessage(s, {
            role: 'assistant',
            content: `Approval needed to run \`${command}\`: ${decision.reason}`,
            approval: {
              id: ids.next('apr'),
              tool: tool.name,
              args,
              command,
              reason: decision.reason,
              status: 'pending',
              decidedBy: null,
              decidedAt: null,
            },
            createdAt: isoNow(clock),
            updatedAt: isoNow(clock),
          });
          await setSessionStatus(s, 'awaiting_approval');
          throw new PausedForApproval();
        }
        const { result, citation } = await runAndCite(
          s,
          tool,
          parsed.success ? parsed.data : call.args,
          signal,
          undefined,
          call.id ?? `${step}:${call.name}`,
        );
        messages.push(
          new ToolMessage({
            tool_call_id: call.id ?? call.name,
            content: `[${citation.key}] ${result.status}${result.reason ? ` (${result.reason})` : ''}\n${citation.output}`,
          }),
        );
      }
    }
    await updateMessage(s, answer.id, {
      content: 'I stopped after the maximum number of steps without a final answer.',
      status: 'failed',
    });
  }

  async function run(job: Job<ChatJobPayload>): Promise<void> {
    const { tenantId, sessionId, messageId } = job.payload;
    let s = await requireSession(tenantId, sessionId);
    try {
      const messages = await storage.chat.listMessages(tenantId, sessionId);
      const trigger = messages.find((m) => m.id === messageId);
      if (!trigger) throw notFound('Chat message', messageId);
      if (trigger.approval) await settleApproval(s, trigger, job.signal);
      const incident = await requireIncident(tenantId, s.incidentId);
      if (deps.model) {
        await answerWithModel(s, deps.model, incident, job.signal);
      } else {
        const question = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
        const [thoughts, citations] = await Promise.all([
          storage.thoughts.list(tenantId, s.incidentId),
          storage.citations.list(tenantId, s.incidentId),
        ]);
        const reply = answerFromRecord({ question, incident, thoughts, citations, mode: s.mode });
        if (!isOpen(incident.status) && incident.status === 'merged' && incident.mergedIntoId) {
          reply.content += `\n\nThis incident was merged into ${incident.mergedIntoId}.`;
        }
        const now = isoNow(clock);
        await appendMessage(s, {
          role: 'assistant',
          content: reply.content,
          citationKeys: reply.citationKeys,
          createdAt: now,
          updatedAt: now,
        });
      }
      s = await setSessionStatus(s, 'idle');
    } catch (error) {
      if (error instanceof PausedForApproval) return;
      const now = isoNow(clock);
      await appendMessage(s, {
        role: 'system',
        content: `The answer failed: ${(error as Error).message}`,
        status: 'failed',
        createdAt: now,
        updatedAt: now,
      });
      await setSessionStatus(s, 'failed');
    }
  }

  return { ask, session, decide, run };
}

class PausedForApproval extends Error {}

export type ChatService = ReturnType<typeof createChatService>;
