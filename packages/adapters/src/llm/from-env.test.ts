import { AuroraError } from '@aurora-rca/core';
import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { createChatModel } from './chat-model.js';
import { chatModelFromEnv, embeddingsFromEnv } from './from-env.js';
import { jsonRecording, useTestServer } from './test-server.js';

const server = useTestServer();
const completion = () => jsonRecording(import.meta.url, './__recordings__/openai/chat-final.json');

function thrown(fn: () => unknown): AuroraError {
  try {
    fn();
  } catch (e) {
    expect(AuroraError.isInstance(e)).toBe(true);
    return e as AuroraError;
  }
  throw new Error('expected an AuroraError');
}

describe('chatModelFromEnv', () => {
  it('returns undefined when no provider is configured (empty values count as unset)', () => {
    expect(chatModelFromEnv({})).toBeUndefined();
    expect(chatModelFromEnv({ OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '  ' })).toBeUndefined();
  });

  it('picks the first configured provider (OpenAI, Anthropic, Ollama) with its default model', () => {
    const openai = chatModelFromEnv({ OPENAI_API_KEY: 'sk-1', ANTHROPIC_API_KEY: 'sk-ant' });
    expect(openai).toBeInstanceOf(ChatOpenAI);
    expect((openai as ChatOpenAI).model).toBe('gpt-4o-mini');
    const anthropic = chatModelFromEnv({
      ANTHROPIC_API_KEY: 'sk-ant',
      OLLAMA_BASE_URL: 'http://localhost:11434',
    });
    expect(anthropic).toBeInstanceOf(ChatAnthropic);
    expect((anthropic as ChatAnthropic).model).toBe('claude-sonnet-4-5');
  });

  it('honours AURORA_MODEL, including a bare model name for the configured provider', () => {
    const m = chatModelFromEnv({
      OPENAI_API_KEY: 'sk-1',
      ANTHROPIC_API_KEY: 'k',
      AURORA_MODEL: 'anthropic:claude-haiku-4-5',
    });
    expect(m).toBeInstanceOf(ChatAnthropic);
    expect((m as ChatAnthropic).model).toBe('claude-haiku-4-5');
    const bare = chatModelFromEnv({ OPENAI_API_KEY: 'sk-1', AURORA_MODEL: 'gpt-4.1' });
    expect((bare as ChatOpenAI).model).toBe('gpt-4.1');
    const override = chatModelFromEnv(
      { OPENAI_API_KEY: 'sk-1', AURORA_MODEL: 'gpt-4.1' },
      { model: 'openai:o4-mini' },
    );
    expect((override as ChatOpenAI).model).toBe('o4-mini');
  });

  it('refuses an AURORA_MODEL whose provider has no credentials instead of switching providers', () => {
    const error = thrown(() =>
      chatModelFromEnv({ OPENAI_API_KEY: 'sk-1', AURORA_MODEL: 'anthropic:claude-sonnet-4-5' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(thrown(() => chatModelFromEnv({ AURORA_MODEL: 'gpt-4o' })).code).toBe('INVALID_INPUT');
  });

  it('sends requests to OPENAI_BASE_URL / OLLAMA_BASE_URL with the configured key', async () => {
    server.on('POST', 'https://llm-proxy.internal/v1/chat/completions', { json: completion() });
    server.on('POST', 'http://gpu-box:11434/v1/chat/completions', { json: completion() });
    const proxied = chatModelFromEnv(
      { OPENAI_API_KEY: 'sk-proxy', OPENAI_BASE_URL: 'https://llm-proxy.internal/v1' },
      { fetch: server.fetch },
    )!;
    await proxied.invoke('ping');
    const local = chatModelFromEnv(
      { OLLAMA_BASE_URL: 'http://gpu-box:11434/', AURORA_MODEL: 'ollama:qwen2.5:7b' },
      { fetch: server.fetch },
    )!;
    await local.invoke('ping');

    expect(server.requests.map((r) => r.url.href)).toEqual([
      'https://llm-proxy.internal/v1/chat/completions',
      'http://gpu-box:11434/v1/chat/completions',
    ]);
    expect(server.requests[0]!.headers.get('authorization')).toBe('Bearer sk-proxy');
    expect(server.requests[1]!.json).toMatchObject({ model: 'qwen2.5:7b' });
  });
});

describe('createChatModel', () => {
  it('validates options with INVALID_INPUT', () => {
    expect(thrown(() => createChatModel({ provider: 'openai' })).message).toMatch(/apiKey is required/);
    expect(thrown(() => createChatModel({ provider: 'gemini' as never, apiKey: 'k' })).code).toBe(
      'INVALID_INPUT',
    );
    expect(thrown(() => createChatModel({ provider: 'openai', apiKey: 'k', temperature: 5 })).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      thrown(() => createChatModel({ provider: 'openai', apiKey: 'k', extra: true } as never)).code,
    ).toBe('INVALID_INPUT');
  });
});

describe('embeddingsFromEnv', () => {
  it('returns undefined without configuration, and refuses Anthropic', () => {
    expect(
      embeddingsFromEnv({ ANTHROPIC_API_KEY: 'k', OLLAMA_BASE_URL: 'http://localhost:11434' }),
    ).toBeUndefined();
    expect(
      thrown(() => embeddingsFromEnv({ AURORA_EMBEDDING_MODEL: 'anthropic:x', ANTHROPIC_API_KEY: 'k' })).code,
    ).toBe('INVALID_INPUT');
    expect(
      thrown(() => embeddingsFromEnv({ AURORA_EMBEDDING_MODEL: 'ollama:nomic-embed-text' })).message,
    ).toContain('OLLAMA_BASE_URL');
  });

  it('embeds through OpenAI with the default model', async () => {
    // The OpenAI SDK asks for base64 (little-endian float32) unless told otherwise; so does the recording.
    const floats = new Float32Array([0.0023064255, -0.009327292, 0.015797347]);
    server.on('POST', 'https://api.openai.com/v1/embeddings', {
      json: {
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding: Buffer.from(floats.buffer).toString('base64') }],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 8, total_tokens: 8 },
      },
    });
    const embeddings = embeddingsFromEnv({ OPENAI_API_KEY: 'sk-1' }, { fetch: server.fetch });
    expect(embeddings).toBeInstanceOf(OpenAIEmbeddings);

    const vector = await embeddings!.embedQuery('web pods OOMKilled in shop');

    expect(vector).toEqual(Array.from(floats));
    expect(server.requests[0]!.json).toMatchObject({
      model: 'text-embedding-3-small',
      input: 'web pods OOMKilled in shop',
      encoding_format: 'base64',
    });
  });

  it('embeds through Ollama’s OpenAI-compatible endpoint, asking for plain floats', async () => {
    server.on('POST', 'http://localhost:11434/v1/embeddings', {
      json: {
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding: [0.25, -0.5, 0.125] }],
        model: 'nomic-embed-text',
        usage: { prompt_tokens: 6, total_tokens: 6 },
      },
    });
    const embeddings = embeddingsFromEnv(
      { OLLAMA_BASE_URL: 'http://localhost:11434', AURORA_EMBEDDING_MODEL: 'ollama:nomic-embed-text' },
      { fetch: server.fetch },
    );

    expect(await embeddings!.embedQuery('disk full')).toEqual([0.25, -0.5, 0.125]);
    expect(server.requests[0]!.json).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'float' });
  });
});
