import { AuroraError } from '@aurora-rca/core';
import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { OpenAIEmbeddings } from '@langchain/openai';
import { createChatModel, ollamaOpenAiBaseUrl } from './chat-model.js';
import { DEFAULT_EMBEDDING_MODELS, type ModelProvider, parseModelSpec } from './model-spec.js';

/**
 * Environment variables read by {@link chatModelFromEnv} and {@link embeddingsFromEnv}. Empty
 * strings count as unset.
 *
 * - `OPENAI_API_KEY`, `OPENAI_BASE_URL` (optional proxy / compatible API)
 * - `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`
 * - `OLLAMA_BASE_URL` (e.g. `http://localhost:11434`)
 * - `AURORA_MODEL` — `provider:model`, or a bare model for the first configured provider
 * - `AURORA_EMBEDDING_MODEL` — `openai:…` or `ollama:…` (Ollama embeddings need it)
 */
export type ModelEnv = Record<string, string | undefined>;

/** Per-call overrides (the CLI's `--model`, tests' fetch). */
export interface FromEnvOverrides {
  /** Wins over `AURORA_MODEL` / `AURORA_EMBEDDING_MODEL`. */
  model?: string;
  temperature?: number;
  fetch?: typeof globalThis.fetch;
}

const PRECEDENCE: ModelProvider[] = ['openai', 'anthropic', 'ollama'];

function read(env: ModelEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function credentials(
  env: ModelEnv,
  provider: ModelProvider,
): { apiKey?: string; baseUrl?: string } | undefined {
  if (provider === 'ollama') {
    const baseUrl = read(env, 'OLLAMA_BASE_URL');
    return baseUrl ? { baseUrl } : undefined;
  }
  const prefix = provider === 'openai' ? 'OPENAI' : 'ANTHROPIC';
  const apiKey = read(env, `${prefix}_API_KEY`);
  const baseUrl = read(env, `${prefix}_BASE_URL`);
  return apiKey ? { apiKey, ...(baseUrl ? { baseUrl } : {}) } : undefined;
}

const CREDENTIAL_VAR: Record<ModelProvider, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  ollama: 'OLLAMA_BASE_URL',
};

/**
 * The chat model the environment configures, or `undefined` when no provider is configured
 * (Aurora then runs its rule-based analyst). Without `AURORA_MODEL` the first configured
 * provider wins, in the order OpenAI, Anthropic, Ollama, with its default model. When
 * `AURORA_MODEL` names a provider whose credentials are missing, throws `INVALID_INPUT`
 * rather than silently using another provider.
 *
 * @example
 * ```ts
 * const model = chatModelFromEnv(process.env); // AURORA_MODEL=anthropic:claude-sonnet-4-5
 * ```
 */
export function chatModelFromEnv(env: ModelEnv, overrides: FromEnvOverrides = {}): BaseChatModel | undefined {
  const configured = PRECEDENCE.filter((p) => credentials(env, p));
  const specText = overrides.model ?? read(env, 'AURORA_MODEL');
  if (!specText) {
    const provider = configured[0];
    if (!provider) return undefined;
    return build(provider, undefined, env, overrides);
  }
  const spec = parseModelSpec(specText, configured[0] ? { defaultProvider: configured[0] } : {});
  if (!credentials(env, spec.provider)) {
    throw new AuroraError(
      'INVALID_INPUT',
      `Model "${specText}" needs ${CREDENTIAL_VAR[spec.provider]}, which is not set`,
      { details: { field: 'AURORA_MODEL', provider: spec.provider } },
    );
  }
  return build(spec.provider, spec.model, env, overrides);
}

function build(provider: ModelProvider, model: string | undefined, env: ModelEnv, o: FromEnvOverrides) {
  return createChatModel({
    provider,
    ...(model ? { model } : {}),
    ...credentials(env, provider),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
}

/**
 * Embeddings for semantic correlation, or `undefined` when none are configured (Aurora then
 * uses its local lexical embedder). `OPENAI_API_KEY` gives OpenAI embeddings
 * (`text-embedding-3-small` unless `AURORA_EMBEDDING_MODEL` says otherwise);
 * `AURORA_EMBEDDING_MODEL=ollama:<model>` with `OLLAMA_BASE_URL` uses Ollama's
 * OpenAI-compatible endpoint. Anthropic has no embeddings API.
 */
export function embeddingsFromEnv(env: ModelEnv, overrides: FromEnvOverrides = {}): Embeddings | undefined {
  const specText = overrides.model ?? read(env, 'AURORA_EMBEDDING_MODEL');
  const spec = specText ? parseModelSpec(specText, { defaultProvider: 'openai' }) : undefined;
  const provider = spec?.provider ?? (credentials(env, 'openai') ? 'openai' : undefined);
  if (!provider) return undefined;
  if (provider === 'anthropic') {
    throw new AuroraError('INVALID_INPUT', 'Anthropic has no embeddings API; use openai:… or ollama:…', {
      details: { field: 'AURORA_EMBEDDING_MODEL' },
    });
  }
  const creds = credentials(env, provider);
  if (!creds) {
    throw new AuroraError(
      'INVALID_INPUT',
      `Embedding model "${specText}" needs ${CREDENTIAL_VAR[provider]}, which is not set`,
      {
        details: { field: 'AURORA_EMBEDDING_MODEL', provider },
      },
    );
  }
  const baseURL = provider === 'ollama' ? ollamaOpenAiBaseUrl(creds.baseUrl!) : creds.baseUrl;
  return new OpenAIEmbeddings({
    model: spec?.model ?? DEFAULT_EMBEDDING_MODELS[provider],
    apiKey: creds.apiKey ?? 'ollama',
    // The OpenAI SDK defaults to base64 vectors; plain floats are what every compatible server speaks.
    ...(provider === 'ollama' ? { encodingFormat: 'float' as const } : {}),
    configuration: {
      ...(baseURL ? { baseURL } : {}),
      ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
    },
  });
}
