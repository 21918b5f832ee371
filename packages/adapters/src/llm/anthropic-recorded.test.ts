import type { AIMessageChunk, ToolMessage } from '@langchain/core/messages';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createChatModel } from './chat-model.js';
import { jsonRecording, recording, useTestServer } from './test-server.js';

// Recorded Anthropic Messages responses (see __recordings__/README.md) replayed through the real
// @langchain/anthropic client: no network, only msw.
const server = useTestServer();
const URL_MESSAGES = 'https://api.anthropic.com/v1/messages';
const rec = (path: string) => recording(import.meta.url, `./__recordings__/anthropic/${path}`);
const json = (path: string) => jsonRecording(import.meta.url, `./__recordings__/anthropic/${path}`);

const FINAL =
  'The web pods in shop are in CrashLoopBackOff [1]. The last container exited with OOMKilled, so the 256Mi memory limit is too low for the new release. Raise the limit or roll back the deploy.';
const POD_LIST =
  'NAME    READY   STATUS             RESTARTS   AGE\nweb-1   0/1     CrashLoopBackOff   7          12m';

const kubectl = tool(async () => POD_LIST, {
  name: 'kubectl',
  description: 'Run a read-only kubectl command.',
  schema: z.object({ args: z.array(z.string()).describe('argv without the program name') }),
});
const prompt = [
  new SystemMessage('You investigate incidents with read-only tools and cite outputs as [n].'),
  new HumanMessage('Why are the web pods in shop restarting?'),
];

function model(fetch: typeof globalThis.fetch = server.fetch) {
  return createChatModel({
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    apiKey: 'sk-ant-test',
    maxTokens: 1024,
    maxRetries: 0,
    fetch,
  });
}

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((b) => (b?.type === 'text' || b?.type === 'text_delta' ? (b.text ?? '') : '')).join('')
      : '';

describe('Anthropic Messages through @langchain/anthropic (recorded)', () => {
  it('invoke: returns the tool call with parsed args, then sends the tool_result on the second turn', async () => {
    server.on(
      'POST',
      URL_MESSAGES,
      { json: json('message-tool-call.json') },
      { json: json('message-final.json') },
    );
    const fetch = vi.fn(server.fetch);
    const bound = model(fetch).bindTools!([kubectl]);

    const first = await bound.invoke(prompt);
    expect(textOf(first.content)).toBe("I'll list the pods in the shop namespace first.");
    expect(first.tool_calls).toEqual([
      {
        name: 'kubectl',
        args: { args: ['get', 'pods', '-n', 'shop'] },
        id: 'toolu_01HqV6sN3kP8xW2mT9rB4cFy',
        type: 'tool_call',
      },
    ]);
    const result = (await kubectl.invoke(first.tool_calls![0]!)) as ToolMessage;
    const second = await bound.invoke([...prompt, first, result]);

    expect(textOf(second.content)).toBe(FINAL);
    expect(second.tool_calls ?? []).toEqual([]);
    expect(second.usage_metadata).toMatchObject({ input_tokens: 742, output_tokens: 58 });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(server.requests).toHaveLength(2);

    const [req1, req2] = server.requests.map((r) => r.json as any);
    expect(server.requests[0]!.headers.get('x-api-key')).toBe('sk-ant-test');
    expect(server.requests[0]!.headers.get('anthropic-version')).toBeTruthy();
    expect(req1).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: 'You investigate incidents with read-only tools and cite outputs as [n].',
      messages: [{ role: 'user', content: 'Why are the web pods in shop restarting?' }],
    });
    expect(req1.tools).toEqual([
      expect.objectContaining({
        name: 'kubectl',
        description: 'Run a read-only kubectl command.',
        input_schema: expect.objectContaining({
          type: 'object',
          properties: { args: expect.objectContaining({ type: 'array', items: { type: 'string' } }) },
        }),
      }),
    ]);
    expect(req2.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(req2.messages[1].content).toContainEqual(
      expect.objectContaining({
        type: 'tool_use',
        id: 'toolu_01HqV6sN3kP8xW2mT9rB4cFy',
        name: 'kubectl',
        input: { args: ['get', 'pods', '-n', 'shop'] },
      }),
    );
    expect(req2.messages[2].content).toEqual([
      expect.objectContaining({
        type: 'tool_result',
        tool_use_id: 'toolu_01HqV6sN3kP8xW2mT9rB4cFy',
        content: POD_LIST,
      }),
    ]);
  });

  it('stream: assembles the input_json_delta tool call, then streams the answer text in chunks', async () => {
    server.on('POST', URL_MESSAGES, { sse: rec('stream-tool-call.txt') }, { sse: rec('stream-final.txt') });
    const bound = model().bindTools!([kubectl]);

    let call: AIMessageChunk | undefined;
    for await (const chunk of await bound.stream(prompt)) call = call ? call.concat(chunk) : chunk;
    expect(call!.tool_calls).toEqual([
      {
        name: 'kubectl',
        args: { args: ['get', 'pods', '-n', 'shop'] },
        id: 'toolu_01Nw4kR8mT2qX6vP9sJ3bLcH',
        type: 'tool_call',
      },
    ]);
    expect(textOf(call!.content)).toBe("I'll list the pods in the shop namespace first.");

    const result = (await kubectl.invoke(call!.tool_calls![0]!)) as ToolMessage;
    const texts: string[] = [];
    let answer: AIMessageChunk | undefined;
    for await (const chunk of await bound.stream([...prompt, call!, result])) {
      const text = textOf(chunk.content);
      if (text) texts.push(text);
      answer = answer ? answer.concat(chunk) : chunk;
    }
    expect(texts).toHaveLength(4);
    expect(texts.join('')).toBe(FINAL);
    // @langchain/anthropic adds message_start's placeholder output count (2) to message_delta's 58.
    expect(answer!.usage_metadata).toMatchObject({ input_tokens: 742 });
    expect(answer!.usage_metadata!.output_tokens).toBeGreaterThanOrEqual(58);

    const [req1, req2] = server.requests.map((r) => r.json as any);
    expect(req1).toMatchObject({ stream: true });
    expect(req2.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        expect.objectContaining({
          type: 'tool_result',
          tool_use_id: 'toolu_01Nw4kR8mT2qX6vP9sJ3bLcH',
          content: POD_LIST,
        }),
      ],
    });
  });

  it('surfaces an overloaded provider as an error', async () => {
    server.on('POST', URL_MESSAGES, {
      status: 529,
      json: {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
        request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
      },
    });
    await expect(model().invoke('hi')).rejects.toThrow(/Overloaded/);
  });
});
