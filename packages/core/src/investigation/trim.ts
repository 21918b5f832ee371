import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';

function size(m: BaseMessage): number {
  const content = typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content).length;
  const calls = m instanceof AIMessage ? JSON.stringify(m.tool_calls ?? []).length : 0;
  return content + calls;
}

/**
 * Fit a conversation into `maxChars` for small-context models, without breaking tool-call
 * pairing (every message stays; only contents shrink). Oldest tool outputs are cut to their
 * citation header first (the model can still cite them), then older assistant text. The
 * system prompt, the incident context and the latest exchange are kept whole. Returns new
 * message objects; the stored state is unchanged.
 */
export function trimContext(messages: BaseMessage[], maxChars: number): BaseMessage[] {
  let total = messages.reduce((n, m) => n + size(m), 0);
  if (total <= maxChars) return messages;
  const out = [...messages];
  // The last assistant turn and the tool replies after it stay whole.
  let keepFrom = out.length;
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] instanceof AIMessage) {
      keepFrom = i;
      break;
    }
  }
  const passes: ((m: BaseMessage) => BaseMessage | null)[] = [
    (m) => {
      if (!(m instanceof ToolMessage) || typeof m.content !== 'string') return null;
      const header = m.content.split('\n', 1)[0] ?? '';
      if (header.length >= m.content.length) return null;
      return new ToolMessage({
        content: `${header}\n[output trimmed to fit the context window]`,
        tool_call_id: m.tool_call_id,
        name: m.name,
        status: m.status,
      });
    },
    (m) => {
      if (!(m instanceof AIMessage) || typeof m.content !== 'string' || m.content.length <= 200) return null;
      return new AIMessage({
        content: `${m.content.slice(0, 200)}…`,
        tool_calls: m.tool_calls ?? [],
        id: m.id,
      });
    },
  ];
  for (const pass of passes) {
    for (let i = 2; i < keepFrom && total > maxChars; i++) {
      const m = out[i] as BaseMessage;
      const smaller = pass(m);
      if (!smaller) continue;
      total -= size(m) - size(smaller);
      out[i] = smaller;
    }
  }
  return out;
}
