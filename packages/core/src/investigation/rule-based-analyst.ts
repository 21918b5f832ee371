import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { diagnose } from './analyst/diagnose.js';
import { readConversation } from './analyst/evidence.js';
import { planNext } from './analyst/plan.js';
import { SUBMIT_RESULT_TOOL } from './result.js';

type CallOptions = BaseChatModelCallOptions & { tools?: unknown[] };

function toolNames(tools: unknown[] | undefined): string[] {
  return (tools ?? [])
    .map((t) => {
      const o = t as { name?: string; function?: { name?: string } };
      return o.function?.name ?? o.name ?? '';
    })
    .filter(Boolean);
}

/**
 * The deterministic analyst used when no LLM is configured. It is a chat model, so it runs
 * through the very same graph (streamed thoughts, cited tool calls, structured result):
 * it reads the alerts from the context, runs read-only Kubernetes diagnostics (pods, events,
 * describe, logs of the previous container, rollout history, a metric query, a refused
 * dependency's endpoints) and concludes from what the outputs say, with honest confidence.
 * Its state is the conversation itself, so a resumed run continues where it stopped.
 */
export class RuleBasedAnalyst extends BaseChatModel<CallOptions> {
  constructor() {
    super({});
  }

  _llmType(): string {
    return 'aurora-rule-based';
  }

  override bindTools(tools: any[]): any {
    return this.withConfig({ tools } as Partial<CallOptions>);
  }

  /** What the analyst says and calls next for these messages. */
  decide(
    messages: BaseMessage[],
    tools: string[],
  ): { text: string; calls: { name: string; args: Record<string, unknown>; id: string }[] } {
    const conv = readConversation(messages, tools);
    const plan = tools.some((t) => t !== SUBMIT_RESULT_TOOL) ? planNext(conv) : null;
    if (plan) {
      return {
        text: plan.text,
        calls: plan.calls.map((c, i) => ({ ...c, id: `rb_${conv.turns + 1}_${i + 1}` })),
      };
    }
    const { text, result } = diagnose(conv);
    return {
      text,
      calls: [
        {
          name: SUBMIT_RESULT_TOOL,
          args: result as unknown as Record<string, unknown>,
          id: `rb_final_${conv.turns + 1}`,
        },
      ],
    };
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const { text, calls } = this.decide(messages, toolNames(options.tools));
    const message = new AIMessageChunk({
      content: text,
      tool_calls: calls.map((c) => ({ ...c, type: 'tool_call' as const })),
    });
    return { generations: [{ text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): AsyncGenerator<ChatGenerationChunk> {
    const { text, calls } = this.decide(messages, toolNames(options.tools));
    for (const piece of text.match(/\S+\s*/g) ?? []) {
      if (options.signal?.aborted) throw options.signal.reason;
      yield new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
    }
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        tool_call_chunks: calls.map((c, index) => ({
          type: 'tool_call_chunk' as const,
          name: c.name,
          args: JSON.stringify(c.args),
          id: c.id,
          index,
        })),
      }),
    });
  }
}

/** The rule-based analyst (see {@link RuleBasedAnalyst}). */
export function ruleBasedAnalyst(): RuleBasedAnalyst {
  return new RuleBasedAnalyst();
}
