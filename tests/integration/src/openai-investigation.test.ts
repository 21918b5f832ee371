import { readFileSync } from 'node:fs';
import { createChatModel } from '@aurora-rca/adapters/llm';
import { type Aurora, createAurora } from '@aurora-rca/core';
import { makeIncident, recordedTools } from '@aurora-rca/core/testing';
import { memoryStorage } from '@aurora-rca/storage-memory';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * A whole investigation through the real `@langchain/openai` client, with msw replaying
 * recorded Chat Completions streams (tool call, then `submit_result`): no network.
 */
const rec = (name: string) =>
  readFileSync(
    new URL(`../../../packages/adapters/src/llm/__recordings__/openai/${name}`, import.meta.url),
    'utf8',
  );
const bodies: Array<{
  messages: Array<{ role: string; content: unknown; tool_call_id?: string }>;
  tools?: Array<{ function: { name: string } }>;
  stream?: boolean;
}> = [];
const replies = [rec('stream-tool-call.txt'), rec('stream-submit-result.txt')];
const server = setupServer(
  http.post('https://api.openai.com/v1/chat/completions', async ({ request }) => {
    bodies.push((await request.json()) as (typeof bodies)[number]);
    const sse = replies[bodies.length - 1];
    if (!sse) return HttpResponse.json({ error: { message: 'unexpected extra call' } }, { status: 500 });
    return new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream' } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
const opened: Aurora[] = [];
afterEach(async () => {
  for (const a of opened.splice(0)) await a.close();
});

describe('investigation through ChatOpenAI (recorded)', () => {
  it('runs the tool the model calls, cites it, and stores the submitted result', async () => {
    const model = createChatModel({
      provider: 'openai',
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
      maxRetries: 0,
    });
    const tools = recordedTools([
      {
        tool: 'kubectl',
        input: { args: ['get', 'pods', '-n', 'shop'] },
        output:
          'NAME    READY   STATUS             RESTARTS   AGE\nweb-1   0/1     CrashLoopBackOff   7          12m',
      },
    ]);
    const aurora = createAurora({ storage: memoryStorage(), model, tools });
    opened.push(aurora);
    const incident = await aurora.storage.incidents.create(
      makeIncident({
        tenantId: 't',
        title: 'web pods restarting in shop',
        auroraStatus: 'queued',
        status: 'investigating',
      }),
    );
    await aurora.queue.enqueue(
      'aurora.investigate',
      { tenantId: 't', incidentId: incident.id },
      { key: `investigate:${incident.id}` },
    );
    await aurora.start();
    await expect
      .poll(async () => (await aurora.storage.incidents.get('t', incident.id))?.auroraStatus, {
        timeout: 15_000,
      })
      .toMatch(/complete|failed/);

    const done = (await aurora.storage.incidents.get('t', incident.id))!;
    expect(done).toMatchObject({ status: 'analyzed', auroraStatus: 'complete', confidence: 'likely' });
    expect(done.rootCause).toBe('web-1 is in CrashLoopBackOff with 7 restarts [1].');
    const [citation] = await aurora.storage.citations.list('t', incident.id);
    expect(citation).toMatchObject({
      key: '1',
      toolName: 'kubectl',
      command: 'kubectl get pods -n shop',
      status: 'ok',
    });
    const suggestions = await aurora.storage.suggestions.listByIncident('t', incident.id);
    expect(suggestions).toEqual([
      expect.objectContaining({ type: 'diagnostic', command: 'kubectl logs web-1 -n shop --previous' }),
    ]);

    // What went over the wire: streamed requests offering the tools, and the tool result sent back.
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.stream).toBe(true);
    expect(bodies[0]!.tools?.map((t) => t.function.name)).toEqual(
      expect.arrayContaining(['kubectl', 'submit_result']),
    );
    const toolMessage = bodies[1]!.messages.find((m) => m.role === 'tool');
    expect(toolMessage?.tool_call_id).toBe('call_7fK2mW9xQ4nB1vT6pR3sL8yD');
    expect(String(toolMessage?.content)).toContain('CrashLoopBackOff');
  });
});
