import { type Aurora, createAurora, type Incident } from '@aurora-rca/core';
import { makeIncident, type RecordedCall, recordedTools, ScriptedChatModel } from '@aurora-rca/core/testing';
import { memoryStorage } from '@aurora-rca/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';

const T = 'tenant-chat';
const alice = { tenantId: T, userId: 'alice' };
const recordings = [
  {
    tool: 'kubectl',
    input: { args: ['get', 'pods', '-n', 'shop'] },
    output:
      'NAME                        READY   STATUS             RESTARTS\ncheckout-7d9f8b6c5d-x2x7k   0/1     CrashLoopBackOff   7',
  },
  {
    tool: 'kubectl',
    input: { args: ['rollout', 'restart', 'deployment/checkout', '-n', 'shop'] },
    output: 'deployment.apps/checkout restarted',
  },
];
const RESTART = {
  name: 'kubectl',
  args: { args: ['rollout', 'restart', 'deployment/checkout', '-n', 'shop'] },
};

const opened: Aurora[] = [];
afterEach(async () => {
  for (const a of opened.splice(0)) await a.close();
});

async function setup(model?: ScriptedChatModel) {
  const calls: RecordedCall[] = [];
  const aurora = createAurora({
    storage: memoryStorage(),
    tools: recordedTools(recordings, { onCall: (c) => calls.push(c) }),
    model,
  });
  opened.push(aurora);
  await aurora.start();
  // Stored directly, so no investigation consumes the scripted turns.
  const incident: Incident = await aurora.storage.incidents.create(
    makeIncident({
      tenantId: T,
      title: 'Checkout crash looping',
      summary: 'checkout pods restart in a loop',
      rootCause: 'checkout cannot reach postgres',
    }),
  );
  return { aurora, incident, calls };
}

async function settled(
  aurora: Aurora,
  sessionId: string,
  status: 'idle' | 'awaiting_approval' | 'failed' = 'idle',
) {
  await expect
    .poll(async () => (await aurora.chat.session(alice, sessionId)).session.status, { timeout: 10_000 })
    .toBe(status);
  return aurora.chat.session(alice, sessionId);
}

describe('follow-up chat', () => {
  it('ask mode runs read-only tools, cites them, and refuses writes', async () => {
    const model = new ScriptedChatModel([
      {
        text: 'Let me look at the pods.',
        toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] } }],
      },
      { toolCalls: [RESTART] },
      { text: 'The checkout pod is in CrashLoopBackOff [1]. I cannot restart it in ask mode [1, 2, 7].' },
    ]);
    const { aurora, incident, calls } = await setup(model);
    const { sessionId } = await aurora.chat.ask(alice, incident.id, {
      question: 'Why is checkout down? Restart it.',
      mode: 'ask',
    });
    const { messages } = await settled(aurora, sessionId);

    expect(calls.map((c) => (c.input as { args: string[] }).args.slice(0, 2).join(' '))).toEqual([
      'get pods',
    ]);
    const citations = await aurora.storage.citations.list(T, incident.id);
    expect(citations[0]).toMatchObject({ key: '1', toolName: 'kubectl', status: 'ok', origin: 'chat' });
    expect(citations[1]).toMatchObject({ status: 'error' });
    expect(citations[1]!.reason).toMatch(/not allowed|denied|write|read-only|approval/i);
    expect(messages.some((m) => m.approval)).toBe(false);
    const answer = messages.filter((m) => m.role === 'assistant').at(-1)!;
    expect(answer).toMatchObject({ status: 'complete', citationKeys: ['1'] });
    expect(answer.content).toContain('CrashLoopBackOff [1]');
    // Only ok citations may be cited: [2] failed (the refused write) and [7] does not exist.
    expect(answer.content).toContain('ask mode [1].');
    // The model saw the incident's record in its context.
    expect(String(model.calls[0]![0]!.content)).toContain('checkout cannot reach postgres');
  });

  it('agent mode pauses a write for approval, runs it once approved, and records who approved', async () => {
    const model = new ScriptedChatModel([
      { text: 'Restarting checkout should clear the stuck pods.', toolCalls: [RESTART] },
      { text: 'Restarted [1].' },
    ]);
    const { aurora, incident, calls } = await setup(model);
    const { sessionId } = await aurora.chat.ask(alice, incident.id, {
      question: 'Restart checkout',
      mode: 'agent',
    });
    const paused = await settled(aurora, sessionId, 'awaiting_approval');
    const pending = paused.messages.find((m) => m.approval)!;
    expect(pending.approval).toMatchObject({
      status: 'pending',
      tool: 'kubectl',
      command: 'kubectl rollout restart deployment/checkout -n shop',
    });
    expect(calls).toHaveLength(0); // nothing ran before a person said yes

    // Asking again while an approval is pending is refused.
    await expect(
      aurora.chat.ask(alice, incident.id, { question: 'hello?', mode: 'agent', sessionId }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    await aurora.chat.decide(alice, sessionId, pending.approval!.id, { decision: 'approve' });
    const done = await settled(aurora, sessionId);
    expect(calls).toHaveLength(1);
    const approved = done.messages.find((m) => m.id === pending.id)!.approval!;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    expect(approved.decidedAt).toBeTruthy();
    const [citation] = await aurora.storage.citations.list(T, incident.id);
    expect(citation).toMatchObject({ status: 'ok', output: 'deployment.apps/checkout restarted' });
    expect(done.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Restarted [1].' });
    // A decided approval cannot be decided again.
    await expect(
      aurora.chat.decide(alice, sessionId, pending.approval!.id, { decision: 'deny' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('respects a denial: the write never runs', async () => {
    const model = new ScriptedChatModel([
      { toolCalls: [RESTART] },
      { text: 'Understood, I will not restart it.' },
    ]);
    const { aurora, incident, calls } = await setup(model);
    const { sessionId } = await aurora.chat.ask(alice, incident.id, {
      question: 'Restart checkout',
      mode: 'agent',
    });
    const paused = await settled(aurora, sessionId, 'awaiting_approval');
    const approval = paused.messages.find((m) => m.approval)!.approval!;
    await aurora.chat.decide({ tenantId: T, userId: 'bob' }, sessionId, approval.id, {
      decision: 'deny',
      reason: 'change freeze',
    });
    const done = await settled(aurora, sessionId);
    expect(calls).toHaveLength(0);
    expect(await aurora.storage.citations.list(T, incident.id)).toHaveLength(0);
    expect(done.messages.find((m) => m.role === 'system')?.content).toMatch(/denied.*change freeze/);
    expect(done.messages.at(-1)?.content).toBe('Understood, I will not restart it.');
  });

  it('a second question continues the same session with its history', async () => {
    const model = new ScriptedChatModel([{ text: 'It is checkout.' }, { text: 'Since the last deploy.' }]);
    const { aurora, incident } = await setup(model);
    const first = await aurora.chat.ask(alice, incident.id, { question: 'Which service?', mode: 'ask' });
    await settled(aurora, first.sessionId);
    const second = await aurora.chat.ask(alice, incident.id, {
      question: 'Since when?',
      mode: 'ask',
      sessionId: first.sessionId,
    });
    expect(second.sessionId).toBe(first.sessionId);
    const { messages } = await settled(aurora, first.sessionId);
    expect(messages.map((m) => `${m.role}:${m.content}`)).toEqual([
      'user:Which service?',
      'assistant:It is checkout.',
      'user:Since when?',
      'assistant:Since the last deploy.',
    ]);
    const seen = model.calls[1]!.map((m) => String(m.content));
    expect(seen).toEqual(expect.arrayContaining(['Which service?', 'It is checkout.', 'Since when?']));
    // A session of another incident (or tenant) is not found.
    const other = await aurora.storage.incidents.create(makeIncident({ tenantId: T }));
    await expect(
      aurora.chat.ask(alice, other.id, { question: 'x', mode: 'ask', sessionId: first.sessionId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      aurora.chat.session({ tenantId: 'other', userId: 'eve' }, first.sessionId),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('without a model, answers from the record and says open questions need a model', async () => {
    const { aurora, incident } = await setup(undefined);
    const { sessionId } = await aurora.chat.ask(alice, incident.id, {
      question: 'What is the root cause?',
      mode: 'ask',
    });
    const { messages } = await settled(aurora, sessionId);
    const answer = messages.at(-1)!;
    expect(answer.role).toBe('assistant');
    expect(answer.content).toContain('checkout cannot reach postgres');
    expect(answer.content).toMatch(/need a model|No language model is configured/);
  });
});
