import type { Citation } from '../model/index.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { Storage } from '../spec/storage.js';
import type { ApprovalGrant, Tool, ToolMode, ToolResult } from '../spec/tool.js';
import { type Clock, isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';

/** Runs one tool call through the policy, redaction and limits (the same path as investigations). */
export type ToolExecutor = (
  tool: Tool,
  input: unknown,
  context: {
    tenantId: string;
    incidentId: string;
    mode: ToolMode;
    signal: AbortSignal;
    approval?: ApprovalGrant;
  },
) => Promise<ToolResult>;

/**
 * Runs a tool and records the outcome as a citation *when it runs* — for chat and for
 * diagnostics people execute, like the investigation does — then publishes it.
 */
export async function runAndCite(
  deps: {
    storage: Storage;
    publisher: EventPublisher;
    clock: Clock;
    ids: IdGenerator;
    executeTool: ToolExecutor;
  },
  call: {
    tenantId: string;
    incidentId: string;
    tool: Tool;
    input: unknown;
    mode: ToolMode;
    signal: AbortSignal;
    approval?: ApprovalGrant;
    origin: Citation['origin'];
    clientKey?: string;
  },
): Promise<{ result: ToolResult; citation: Citation }> {
  const { storage, publisher, clock } = deps;
  const started = clock.now();
  const result = await deps.executeTool(call.tool, call.input, {
    tenantId: call.tenantId,
    incidentId: call.incidentId,
    mode: call.mode,
    signal: call.signal,
    approval: call.approval,
  });
  const citation = await storage.citations.append(
    call.tenantId,
    call.incidentId,
    {
      toolName: call.tool.name,
      command: result.command,
      input: call.input,
      output: result.output,
      status: result.status,
      reason: result.reason ?? null,
      executedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, clock.now() - started),
      origin: call.origin,
      clientKey: call.clientKey ?? null,
    },
    () => deps.ids.next('cit'),
  );
  await publisher.publish({
    type: 'citation',
    tenantId: call.tenantId,
    incidentId: call.incidentId,
    at: isoNow(clock),
    citation,
  });
  return { result, citation };
}
