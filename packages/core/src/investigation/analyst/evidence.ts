import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { type ContextBlock, parseBlocks } from '../context.js';

/** One cited tool result as the analyst sees it in the conversation. */
export interface Evidence {
  key: string;
  callId: string;
  tool: string;
  command: string;
  status: 'ok' | 'error' | 'empty';
  reason: string;
  output: string;
}

/** A compact alert from the context blocks. */
export interface AlertFacts {
  id: string;
  kind: 'alert' | 'change';
  title: string;
  description: string;
  service: string | null;
  startedAt: string;
  labels: Record<string, string>;
  raw: unknown;
}

/** Everything the rule-based analyst reads from its messages. */
export interface Conversation {
  alerts: AlertFacts[];
  changes: AlertFacts[];
  merged: NonNullable<ContextBlock['merged']>;
  evidence: Evidence[];
  /** Assistant turns that called tools so far. */
  turns: number;
  /** The tool names offered to the model. */
  tools: string[];
  /** `tool JSON(args)` of every call made so far. */
  called: Set<string>;
  /** The last message is a request to conclude or to fix the result. */
  mustConclude: boolean;
}

const HEADER = /^\[citation (\d+)\] `([^`]*)` status (ok|error|empty)(?: — (.*))?$/;

/** Parse the conversation (context blocks, tool calls and cited results). */
export function readConversation(messages: BaseMessage[], tools: string[]): Conversation {
  const conv: Conversation = {
    alerts: [],
    changes: [],
    merged: [],
    evidence: [],
    turns: 0,
    tools,
    called: new Set(),
    mustConclude: false,
  };
  const callTool = new Map<string, string>();
  for (const m of messages) {
    if (m instanceof HumanMessage) {
      for (const block of parseBlocks(m.text)) {
        conv.alerts.push(...((block.alerts ?? []) as unknown as AlertFacts[]));
        conv.changes.push(...((block.changes ?? []) as unknown as AlertFacts[]));
        conv.merged.push(...(block.merged ?? []));
      }
    } else if (m instanceof AIMessage) {
      const calls = m.tool_calls ?? [];
      for (const c of calls) {
        if (c.id) callTool.set(c.id, c.name);
        conv.called.add(callSignature(c.name, c.args));
      }
      if (calls.length > 0) conv.turns++;
    } else if (m instanceof ToolMessage && typeof m.content === 'string') {
      const [header = '', ...rest] = m.content.split('\n');
      const h = HEADER.exec(header);
      if (!h) continue;
      conv.evidence.push({
        key: h[1] as string,
        callId: m.tool_call_id,
        tool: callTool.get(m.tool_call_id) ?? m.name ?? '',
        command: h[2] as string,
        status: h[3] as Evidence['status'],
        reason: h[4] ?? '',
        output: rest.join('\n'),
      });
    }
  }
  const last = messages[messages.length - 1];
  conv.mustConclude =
    last instanceof HumanMessage && !parseBlocks(last.text).length && /submit_result/.test(last.text);
  return conv;
}

/** The first `ok` evidence whose output matches, with the match. */
export function findEvidence(
  evidence: Evidence[],
  pattern: RegExp,
  filter: (e: Evidence) => boolean = () => true,
): { evidence: Evidence; match: RegExpExecArray } | null {
  for (const e of evidence) {
    if (e.status !== 'ok' || !filter(e)) continue;
    const match = pattern.exec(e.output);
    if (match) return { evidence: e, match };
  }
  return null;
}

/** Identity of a call, to avoid running the same command twice. */
export function callSignature(tool: string, args: unknown): string {
  return `${tool} ${JSON.stringify(args)}`;
}
