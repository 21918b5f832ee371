import { AIMessageChunk, HumanMessage, SystemMessage, type ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createChatModel } from './chat-model.js';
import { jsonRecording, recording, useTestServer } from './test-server.js';

// Recorded Chat Completions responses (see __recordings__/README.md) replayed through the real
// @langchain/openai client: no network, only msw.
const server = useTestServer();
const URL_CHAT = 'https://api.openai.com/v1/chat/completions';
const rec = (path: string) => recording(import.meta.url, `./__recordings__/openai/${path}`);
const json = (path: string) => jsonRecording(import.meta.url, `./__recordings__/openai/${path}`);

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
    provider: 'openai',
    model: 'gpt-4o-mini',
    apiKey: 'sk-test-key',
    maxRetries: 0,
    fetch,
  });
}

describe('OpenAI Chat Completions through @langchain/openai (recorded)', () => {
  it('invoke: returns the tool call with parsed args, then sends the tool result on the second turn', async () => {
    server.on('POST', URL_CHAT, { json: json('chat-tool-call.json') }, { json: json('chat-final.json') });
    const fetch = vi.fn(server.fetch);
    const bound = model(fetch).bindTools!([kubectl]);

    const first = await bound.invoke(prompt);
    expect(first.tool_calls).toEqual([
      {
        name: 'kubectl',
        args: { args: ['get', 'pods', '-n', 'shop'] },
        id: 'call_Q2vH8sKx3mN1pR7tY4wZ6bC0',
        type: 'tool_call',
      },
    ]);
    const result = (await kubectl.invoke(first.tool_calls![0]!)) as ToolMessage;
    const second = await bound.invoke([...prompt, first, result]);

    expect(second.content).toBe(FINAL);
    expect(second.tool_calls).toEqual([]);
    expect(second.usage_metadata).toMatchObject({ input_tokens: 268, output_tokens: 44, total_tokens: 312 });
    // The injected fetch carried both requests, and msw saw exactly those two.
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(server.requests).toHaveLength(2);

    const [req1, req2] = server.requests.map((r) => r.json as any);
    expect(server.requests[0]!.headers.get('authorization')).toBe('Bearer sk-test-key');
    expect(req1).toMatchObject({ model: 'gpt-4o-mini', stream: false });
    expect(req1.messages.map((m: any) => m.role)).toEqual(['system', 'user']);
    expect(req1.tools).toEqual([
      {
        type: 'function',
        function: expect.objectContaining({
          name: 'kubectl',
          description: 'Run a read-only kubectl command.',
          parameters: expect.objectContaining({
            type: 'object',
            properties: { args: expect.objectContaining({ type: 'array', items: { type: 'string' } }) },
            required: ['args'],
          }),
        }),
      },
    ]);
    expect(req2.messages.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(req2.messages[2].tool_calls).toEqual([
      {
        id: 'call_Q2vH8sKx3mN1pR7tY4wZ6bC0',
        type: 'function',
        function: { name: 'kubectl', arguments: '{"args":["get","pods","-n","shop"]}' },
      },
    ]);
    expect(req2.messages[3]).toMatchObject({
      role: 'tool',
      tool_call_id: 'call_Q2vH8sKx3mN1pR7tY4wZ6bC0',
      content: POD_LIST,
    });
  });

  it('stream: assembles the streamed tool call, then streams the answer text in many chunks', async () => {
    server.on('POST', URL_CHAT, { sse: rec('stream-tool-call.txt') }, { sse: rec('stream-final.txt') });
    const bound = model().bindTools!([kubectl]);

    let call: AIMessageChunk | undefined;
    let callChunks = 0;
    for await (const chunk of await bound.stream(prompt)) {
      callChunks++;
      call = call ? call.concat(chunk) : chunk;
    }
    expect(callChunks).toBeGreaterThan(5);
    expect(call!.tool_calls).toEqual([
      {
        name: 'kubectl',
        args: { args: ['get', 'pods', '-n', 'shop'] },
        id: 'call_7fK2mW9xQ4nB1vT6pR3sL8yD',
        type: 'tool_call',
      },
    ]);

    const result = (await kubectl.invoke(call!.tool_calls![0]!)) as ToolMessage;
    const texts: string[] = [];
    let answer: AIMessageChunk | undefined;
    for await (const chunk of await bound.stream([...prompt, call!, result])) {
      if (typeof chunk.content === 'string' && chunk.content) texts.push(chunk.content);
      answer = answer ? answer.concat(chunk) : chunk;
    }
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.join('')).toBe(FINAL);
    expect(answer).toBeInstanceOf(AIMessageChunk);
    expect(answer!.usage_metadata).toMatchObject({ input_tokens: 268, output_tokens: 44 });

    const [req1, req2] = server.requests.map((r) => r.json as any);
    expect(req1).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(req2.messages.at(-1)).toMatchObject({
      role: 'tool',
      tool_call_id: 'call_7fK2mW9xQ4nB1vT6pR3sL8yD',
      content: POD_LIST,
    });
  });

  it('reaches Ollama through its OpenAI-compatible /v1 endpoint with the same wire format', async () => {
    server.on('POST', 'http://ollama.internal:11434/v1/chat/completions', { json: json('chat-final.json') });
    const ollama = createChatModel({
      provider: 'ollama',
      model: 'llama3.1:8b',
      baseUrl: 'http://ollama.internal:11434',
      fetch: server.fetch,
    });

    const answer = await ollama.invoke('Why are the web pods restarting?');

    expect(answer.content).toBe(FINAL);
    expect(server.requests[0]!.json).toMatchObject({ model: 'llama3.1:8b' });
  });

  it('surfaces a provider error instead of hanging or retrying forever', async () => {
    server.on('POST', URL_CHAT, {
      status: 401,
      json: {
        error: {
          message:
            'Incorrect API key provided: sk-test-key. You can find your API key at https://platform.openai.com/account/api-keys.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      },
    });
    await expect(model().invoke('hi')).rejects.toThrow(/Incorrect API key/);
    expect(server.requests).toHaveLength(1);
  });
});
