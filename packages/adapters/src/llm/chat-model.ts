import { AuroraError } from '@aurora-rca/core';
import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { DEFAULT_CHAT_MODELS, ModelProvider } from './model-spec.js';

const fetchSchema = z.custom<typeof globalThis.fetch>(
  (v) => typeof v === 'function',
  'expected a fetch function',
);

/** Options of {@link createChatModel} (strict: unknown keys are rejected). */
export const ChatModelOptions = z.strictObject({
  provider: ModelProvider,
  /** Model name. @default DEFAULT_CHAT_MODELS[provider] */
  model: z.string().min(1).optional(),
  /** Required for `openai` and `anthropic`; ignored by Ollama. */
  apiKey: z.string().min(1).optional(),
  /**
   * API root: an OpenAI-compatible proxy (`https://llm.internal/v1`), Anthropic's base URL, or
   * the Ollama server (`http://localhost:11434`; `/v1` is appended when missing).
   */
  baseUrl: z.url().optional(),
  /** Sampling temperature; left to the provider when omitted (some reasoning models reject it). */
  temperature: z.number().min(0).max(2).optional(),
  /** Output token cap. @default the provider library's default for the model */
  maxTokens: z.number().int().positive().optional(),
  /** Retries on rate limits and 5xx (LangChain's caller, exponential backoff). @default 6 */
  maxRetries: z.number().int().min(0).max(20).optional(),
  /** Per-request timeout in milliseconds. */
  timeoutMs: z.number().int().positive().optional(),
  /** Injected fetch (tests, proxies, egress control). @default globalThis.fetch */
  fetch: fetchSchema.optional(),
});
export type ChatModelOptions = z.input<typeof ChatModelOptions>;

/** Ollama's OpenAI-compatible root for a server URL. */
export function ollamaOpenAiBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/**
 * Builds a LangChain chat model that supports tool calling, for the investigation and chat:
 * `ChatOpenAI` (Chat Completions API) for `openai` and `ollama`, `ChatAnthropic` for
 * `anthropic`. Keys are never read from `process.env` here — pass them, or use
 * {@link chatModelFromEnv}.
 *
 * @example
 * ```ts
 * const model = createChatModel({ provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey });
 * const local = createChatModel({ provider: 'ollama', model: 'llama3.1', baseUrl: 'http://localhost:11434' });
 * ```
 */
export function createChatModel(options: ChatModelOptions): BaseChatModel {
  const parsed = ChatModelOptions.safeParse(options);
  if (!parsed.success) {
    throw new AuroraError('INVALID_INPUT', `createChatModel: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const o = parsed.data;
  const model = o.model ?? DEFAULT_CHAT_MODELS[o.provider];
  if (o.provider !== 'ollama' && !o.apiKey) {
    throw new AuroraError('INVALID_INPUT', `createChatModel: apiKey is required for ${o.provider}`, {
      details: { field: 'apiKey', provider: o.provider },
    });
  }
  const common = {
    model,
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
    ...(o.maxRetries !== undefined ? { maxRetries: o.maxRetries } : {}),
  };

  if (o.provider === 'anthropic') {
    return new ChatAnthropic({
      ...common,
      apiKey: o.apiKey!,
      ...(o.baseUrl ? { anthropicApiUrl: o.baseUrl } : {}),
      clientOptions: {
        ...(o.fetch ? { fetch: o.fetch } : {}),
        ...(o.timeoutMs !== undefined ? { timeout: o.timeoutMs } : {}),
      },
    });
  }

  const baseURL =
    o.provider === 'ollama' ? ollamaOpenAiBaseUrl(o.baseUrl ?? 'http://localhost:11434') : o.baseUrl;
  return new ChatOpenAI({
    ...common,
    // Ollama ignores the key, but the OpenAI client refuses to start without one.
    apiKey: o.apiKey ?? 'ollama',
    // Tool calling and streaming go through Chat Completions, the API Ollama also speaks.
    useResponsesApi: false,
    ...(o.timeoutMs !== undefined ? { timeout: o.timeoutMs } : {}),
    configuration: {
      ...(baseURL ? { baseURL } : {}),
      ...(o.fetch ? { fetch: o.fetch } : {}),
    },
  });
}
