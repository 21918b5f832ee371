import { HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { scriptedChatModel } from './scripted-chat-model.js';

describe('scriptedChatModel', () => {
  it('streams text chunk by chunk, then tool calls, then the next turn', async () => {
    const model = scriptedChatModel([
      {
        text: 'Checking pods now.',
        chunkSize: 5,
        toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods'] } }],
      },
      { text: 'Done.' },
    ]);
    const bound = model.bindTools([{ name: 'kubectl', description: 'k', schema: {} }]);
    const pieces: string[] = [];
    let full: import('@langchain/core/messages').AIMessageChunk | undefined;
    for await (const chunk of await bound.stream([new HumanMessage('hi')])) {
      if (chunk.text) pieces.push(chunk.text);
      full = full ? full.concat(chunk) : chunk;
    }
    expect(pieces).toEqual(['Check', 'ing p', 'ods n', 'ow.']);
    expect(full?.tool_calls).toEqual([
      { type: 'tool_call', name: 'kubectl', args: { args: ['get', 'pods'] }, id: 'call_1_1' },
    ]);
    const second = await model.invoke([new HumanMessage('again')]);
    expect(second.text).toBe('Done.');
    expect(model.calls).toHaveLength(2);
    expect(model.boundTools).toHaveLength(1);
    await expect(model.invoke('more')).rejects.toThrow(/no turn 3/);
  });

  it('hangs until the signal aborts', async () => {
    const model = scriptedChatModel([{ hang: true }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(model.invoke('x', { signal: controller.signal })).rejects.toThrow('stop');
  });
});
