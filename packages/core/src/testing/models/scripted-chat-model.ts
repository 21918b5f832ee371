import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';

/** One tool call a scripted turn makes. `id` defaults to `call_<turn>_<index>`. */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
  /** Stream these argument characters instead of `JSON.stringify(args)` (e.g. malformed JSON). */
  rawArgs?: string;
}

/** What the model answers on one call. */
export interface ScriptedTurn {
  /** Streamed in chunks of `chunkSize` characters. */
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Characters per streamed chunk. @default 8 */
  chunkSize?: number;
  /** Wait between chunks (honours the abort signal). @default 0 */
  delayMs?: number;
  /** Throw this error instead of answering. */
  error?: Error;
  /** Never answer until the call's signal aborts (a hung provider). */
  hang?: boolean;
}

/** A turn, or a function choosing one from the messages the model received. */
export type ScriptedStep = ScriptedTurn | ((messages: BaseMessage[]) => ScriptedTurn);

/** Options of {@link scriptedChatModel}. */
export interface ScriptedChatModelOptions {
  /** Repeat the last turn when the script runs out instead of throwing. @default false */
  repeatLast?: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A chat model that plays a script: each call takes the next turn, streams its text chunk by
 * chunk and then its tool calls. Records every call's messages and the bound tools, so tests
 * can assert what the agent sent. `@langchain/core`'s fake models cannot script "call a tool,
 * then answer"; this one can.
 */
export class ScriptedChatModel extends BaseChatModel {
  /** Messages of each call, in order. */
  readonly calls: BaseMessage[][] = [];
  /** Tool definitions passed to the last `bindTools`. */
  boundTools: unknown[] = [];
  private cursor = 0;

  constructor(
    private readonly steps: ScriptedStep[],
    private readonly options: ScriptedChatModelOptions = {},
  ) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: any[]): any {
    this.boundTools = tools;
    return this.withConfig({ tools } as Partial<BaseChatModelCallOptions>);
  }

  private nextTurn(messages: BaseMessage[]): { turn: ScriptedTurn; index: number } {
    const index = this.cursor;
    let step = this.steps[index];
    if (!step && this.options.repeatLast) step = this.steps[this.steps.length - 1];
    if (!step) throw new Error(`Scripted model: no turn ${index + 1} (script has ${this.steps.length})`);
    this.cursor++;
    this.calls.push(messages);
    return { turn: typeof step === 'function' ? step(messages) : step, index };
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    let message: AIMessageChunk | undefined;
    for await (const chunk of this._streamResponseChunks(messages, options)) {
      message = message ? message.concat(chunk.message as AIMessageChunk) : (chunk.message as AIMessageChunk);
    }
    // A chunk, not an AIMessage: BaseChatModel's default withStructuredOutput requires one.
    const final = message ?? new AIMessageChunk({ content: '' });
    return { generations: [{ text: final.text, message: final }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const { turn, index } = this.nextTurn(messages);
    const signal = options.signal;
    if (turn.hang) {
      await sleep(2 ** 31 - 1, signal);
    }
    if (turn.error) throw turn.error;
    const text = turn.text ?? '';
    const size = Math.max(1, turn.chunkSize ?? 8);
    for (let i = 0; i < text.length; i += size) {
      if (turn.delayMs) await sleep(turn.delayMs, signal);
      else if (signal?.aborted) throw signal.reason;
      const piece = text.slice(i, i + size);
      yield new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      await runManager?.handleLLMNewToken(piece);
    }
    const calls = turn.toolCalls ?? [];
    if (calls.length > 0) {
      if (signal?.aborted) throw signal.reason;
      yield new ChatGenerationChunk({
        text: '',
        message: new AIMessageChunk({
          content: '',
          tool_call_chunks: calls.map((c, i) => ({
            type: 'tool_call_chunk' as const,
            name: c.name,
            args: c.rawArgs ?? JSON.stringify(c.args),
            id: c.id ?? `call_${index + 1}_${i + 1}`,
            index: i,
          })),
        }),
      });
    }
  }
}

/**
 * A scripted chat model for tests.
 *
 * @example
 * ```ts
 * const model = scriptedChatModel([
 *   { text: 'Checking the pods. ', toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods'] } }] },
 *   { toolCalls: [{ name: 'submit_result', args: { summary: '…', rootCause: '…', confidence: 'likely' } }] },
 * ]);
 * ```
 */
export function scriptedChatModel(
  steps: ScriptedStep[],
  options?: ScriptedChatModelOptions,
): ScriptedChatModel {
  return new ScriptedChatModel(steps, options);
}
