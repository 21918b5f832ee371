import { AuroraError } from '@aurora-rca/core';
import { z } from 'zod';

/** LLM providers Aurora builds chat models for. Ollama is reached through its OpenAI-compatible `/v1` API. */
export const ModelProvider = z.enum(['openai', 'anthropic', 'ollama']);
export type ModelProvider = z.infer<typeof ModelProvider>;

/** A provider and a model name, as parsed from `provider:model`. */
export interface ModelSpec {
  provider: ModelProvider;
  model: string;
}

/** Chat model used when none is named. */
export const DEFAULT_CHAT_MODELS: Readonly<Record<ModelProvider, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'llama3.1',
};

/** Embedding model used when none is named (Anthropic has no embeddings API). */
export const DEFAULT_EMBEDDING_MODELS: Readonly<Record<Exclude<ModelProvider, 'anthropic'>, string>> = {
  openai: 'text-embedding-3-small',
  ollama: 'nomic-embed-text',
};

/**
 * Parses `provider:model` (`openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`,
 * `ollama:llama3.1:8b` — only the first `:` separates, Ollama tags keep theirs). A bare model
 * name is accepted only when `defaultProvider` is given. Throws `INVALID_INPUT` with the
 * accepted forms otherwise.
 *
 * @example
 * ```ts
 * parseModelSpec('openai:gpt-4o-mini'); // { provider: 'openai', model: 'gpt-4o-mini' }
 * parseModelSpec('gpt-4o', { defaultProvider: 'openai' });
 * ```
 */
export function parseModelSpec(spec: string, options: { defaultProvider?: ModelProvider } = {}): ModelSpec {
  const text = spec.trim();
  const fail = (why: string): never => {
    throw new AuroraError(
      'INVALID_INPUT',
      `Invalid model "${spec}": ${why}. Use provider:model with provider one of ${ModelProvider.options.join(', ')} (e.g. openai:gpt-4o-mini).`,
      { details: { field: 'model', value: spec } },
    );
  };
  if (!text) return fail('it is empty');
  const colon = text.indexOf(':');
  const head = colon === -1 ? text : text.slice(0, colon);
  const provider = ModelProvider.safeParse(head.toLowerCase());
  if (provider.success) {
    const model = colon === -1 ? '' : text.slice(colon + 1).trim();
    if (!model) return fail('the model name after the provider is missing');
    return { provider: provider.data, model };
  }
  if (colon !== -1 && /^[a-z][a-z0-9-]*$/i.test(head) && !options.defaultProvider) {
    return fail(`unknown provider "${head}"`);
  }
  if (!options.defaultProvider) return fail('the provider is missing');
  return { provider: options.defaultProvider, model: text };
}
