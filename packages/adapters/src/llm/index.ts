/**
 * `@aurora-rca/adapters/llm` — LangChain chat models and embeddings for Aurora, from options
 * or from the environment (OpenAI, Anthropic, Ollama).
 * @packageDocumentation
 */
export { ChatModelOptions, createChatModel, ollamaOpenAiBaseUrl } from './chat-model.js';
export { chatModelFromEnv, embeddingsFromEnv, type FromEnvOverrides, type ModelEnv } from './from-env.js';
export {
  DEFAULT_CHAT_MODELS,
  DEFAULT_EMBEDDING_MODELS,
  ModelProvider,
  type ModelSpec,
  parseModelSpec,
} from './model-spec.js';
