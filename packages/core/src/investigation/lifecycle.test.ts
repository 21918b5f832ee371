import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { MemorySaver } from '@langchain/langgraph/web';
import { describe, expect, it } from 'vitest';
import { inProcessQueue } from '../runtime/in-process-queue.js';
import { INVESTIGATE_JOB, investigationKey } from '../runtime/jobs.js';
import { shutdownReason } from '../runtime/shutdown.js';
import { scriptedChatModel } from '../testing/models/scripted-chat-model.js';
import { createInvestigator, INTERRUPTED_NOTE } from './investigator.js';
import { fakeKubectl, jobFor, setup, TENANT } from './test-harness.js';
import { trimContext } from './trim.js';

const submit = (rootCause: string) => ({
  toolCalls: [{ name: 'submit_result', args: { summary: rootCause, rootCause, confidence: 'likely' } }],
});

describe('investigation lifecycle', () => {
  it('is cancelled through the job queue mid-stream (merge/resolve path)', async () => {
    const h = await setup();
    const queue = inProcessQueue();
    // ~5 s of streaming if nobody cancels: only a cancel that reaches the model ends it early.
    const rest = 'Thinking about it '.repeat(30);
    const model = scriptedChatModel([{ text: `Checking the pods now. ${rest}`, chunkSize: 25, delayMs: 200 }]);
    await queue.work(INVESTIGATE_JOB, createInvestigator({ ...h, tools: [], model }).run);
    await queue.enqueue(
      INVESTIGATE_JOB,
      { tenantId: TENANT, incidentId: h.incident.id },
      { key: investigationKey(h.incident.id) },
    );
    // The first sentence is written as soon as it streams; cancel while the next one is open.
    while ((await h.storage.thoughts.list(TENANT, h.incident.id)).length === 0)
      await new Promise((r) => setTimeout(r, 5));
    expect((await h.storage.incidents.get(TENANT, h.incident.id))?.auroraStatus).toBe('running');
    expect(await queue.cancel(investigationKey(h.incident.id), 'Merged into inc_target')).toBe(true);
    while ((await queue.size()).running > 0) await new Promise((r) => setTimeout(r, 5));
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident).toMatchObject({
      auroraStatus: 'cancelled',
      auroraStatusReason: 'Merged into inc_target',
    });
    const thoughts = await h.storage.thoughts.list(TENANT, h.incident.id);
    // What was streamed before the cancel is kept (the open sentence too), then the system note.
    expect(thoughts).toHaveLength(3);
    expect(thoughts[0]?.content).toBe('Checking the pods now.');
    expect(thoughts[1]?.content.startsWith('Th')).toBe(true);
    // The stream stopped at the cancel: most of the text was never produced.
    expect(thoughts[1]!.content.length).toBeLessThan(rest.length / 2);
    expect(thoughts.at(-1)).toMatchObject({
      kind: 'system',
      content: 'Investigation cancelled: Merged into inc_target',
    });
    await queue.stop();
  });

  it('resumes a crashed run from the checkpoint without re-running its tools', async () => {
    const h = await setup();
    const checkpointer = new MemorySaver();
    let kubectlRuns = 0;
    const kubectl = fakeKubectl({
      'get pods -n shop': async () => {
        kubectlRuns++;
        return {
          status: 'ok',
          output: 'NAME READY STATUS RESTARTS AGE\ncheckout-1 0/1 OOMKilled 3 5m',
          command: 'kubectl get pods -n shop',
        };
      },
    });
    const first = scriptedChatModel([
      {
        text: 'Listing pods.',
        toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] }, id: 'call_a' }],
      },
      { error: new Error('worker died') },
    ]);
    await createInvestigator({ ...h, tools: [kubectl], model: first, checkpointer }).run(
      jobFor(h.incident.id),
    );
    // The process died before it could record the failure: the incident still says running.
    await h.storage.incidents.update(TENANT, h.incident.id, { auroraStatus: 'running' });

    const second = scriptedChatModel([submit('checkout is OOMKilled [1]')]);
    await createInvestigator({ ...h, tools: [kubectl], model: second, checkpointer }).run(
      jobFor(h.incident.id),
    );
    expect(kubectlRuns).toBe(1);
    expect(second.calls[0]?.some((m) => m.text.startsWith('[citation 1]'))).toBe(true);
    expect(await h.storage.citations.list(TENANT, h.incident.id)).toHaveLength(1);
    expect(await h.storage.incidents.get(TENANT, h.incident.id)).toMatchObject({
      auroraStatus: 'complete',
      rootCause: 'checkout is OOMKilled [1]',
    });
    const thoughts = await h.storage.thoughts.list(TENANT, h.incident.id);
    expect(thoughts.filter((t) => t.content === 'Listing pods.')).toHaveLength(1);
  });

  it('a worker shutdown leaves the run queued and resumable; the retry continues it', async () => {
    const h = await setup();
    const checkpointer = new MemorySaver();
    let kubectlRuns = 0;
    const kubectl = fakeKubectl({
      'get pods -n shop': async () => {
        kubectlRuns++;
        return {
          status: 'ok',
          output: 'NAME READY STATUS RESTARTS AGE',
          command: 'kubectl get pods -n shop',
        };
      },
    });
    const first = scriptedChatModel([
      { toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] }, id: 'call_a' }] },
      { hang: true },
    ]);
    const job = jobFor(h.incident.id);
    const run = createInvestigator({ ...h, tools: [kubectl], model: first, checkpointer }).run(job);
    while (first.calls.length < 2) await new Promise((r) => setTimeout(r, 5));
    job.controller.abort(shutdownReason());
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await h.storage.incidents.get(TENANT, h.incident.id)).toMatchObject({
      auroraStatus: 'queued',
      auroraStatusReason: INTERRUPTED_NOTE,
    });

    const second = scriptedChatModel([submit('resumed')]);
    await createInvestigator({ ...h, tools: [kubectl], model: second, checkpointer }).run(
      jobFor(h.incident.id),
    );
    expect(kubectlRuns).toBe(1);
    expect(second.calls[0]?.some((m) => m.text.startsWith('[citation 1]'))).toBe(true);
    expect((await h.storage.incidents.get(TENANT, h.incident.id))?.rootCause).toBe('resumed');
  });

  it('starts afresh when re-investigating a finished incident on the same thread', async () => {
    const h = await setup();
    const checkpointer = new MemorySaver();
    await createInvestigator({
      ...h,
      tools: [],
      model: scriptedChatModel([submit('first')]),
      checkpointer,
    }).run(jobFor(h.incident.id));
    const again = scriptedChatModel([submit('second')]);
    await createInvestigator({ ...h, tools: [], model: again, checkpointer }).run(jobFor(h.incident.id));
    expect(again.calls[0]?.filter((m) => m instanceof SystemMessage)).toHaveLength(1);
    expect(again.calls[0]?.some((m) => m.text === 'Result accepted.')).toBe(false);
    expect((await h.storage.incidents.get(TENANT, h.incident.id))?.rootCause).toBe('second');
  });

  it('rule-based analyst without tools says what it could not check and stays inconclusive', async () => {
    const h = await setup();
    await createInvestigator({ ...h, tools: [] }).run(jobFor(h.incident.id));
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident).toMatchObject({
      auroraStatus: 'complete',
      status: 'analyzed',
      confidence: 'inconclusive',
    });
    expect(incident?.notChecked).toContain('Kubernetes state (no kubectl tool configured)');
  });

  it('rule-based analyst streams its reasoning as thoughts and cites what it ran', async () => {
    const h = await setup({ labels: { namespace: 'shop', pod: 'checkout-1' } });
    const kubectl = fakeKubectl({
      'get pods -n shop': { output: 'NAME READY STATUS RESTARTS AGE\ncheckout-1 0/1 CrashLoopBackOff 3 5m' },
      'get events -n shop --sort-by=.lastTimestamp': { output: 'LAST SEEN TYPE REASON OBJECT MESSAGE' },
      'describe pod checkout-1 -n shop': {
        output: 'Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137',
      },
      'logs checkout-1 -n shop --previous --tail=100': { output: 'starting' },
      'rollout history deployment/checkout -n shop': { output: 'REVISION  CHANGE-CAUSE\n1 <none>' },
    });
    await createInvestigator({ ...h, tools: [kubectl] }).run(jobFor(h.incident.id));
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident?.confidence).toBe('confirmed');
    expect(incident?.rootCause).toMatch(/OOMKilled\) \[3, 1\]/);
    const thoughts = (await h.storage.thoughts.list(TENANT, h.incident.id)).map((t) => t.content);
    expect(thoughts.slice(0, 2)).toEqual([
      'The alert "HighLatency checkout" points at checkout in namespace shop.',
      'I will list its pods and the recent events first.',
    ]);
    expect(thoughts.some((t) => t.startsWith('Conclusion (confirmed)'))).toBe(true);
    expect((await h.storage.citations.list(TENANT, h.incident.id)).map((c) => c.command)).toContain(
      'kubectl describe pod checkout-1 -n shop',
    );
  });
});

describe('trimContext', () => {
  it('cuts old tool outputs to their citation header first and keeps the latest exchange', () => {
    const big = 'x'.repeat(1000);
    const call = (id: string) =>
      new AIMessage({ content: '', tool_calls: [{ name: 'kubectl', args: {}, id, type: 'tool_call' }] });
    const messages = [
      new SystemMessage('sys'),
      new HumanMessage('context'),
      call('a'),
      new ToolMessage({ content: `[citation 1] \`kubectl get pods\` status ok\n${big}`, tool_call_id: 'a' }),
      call('b'),
      new ToolMessage({ content: `[citation 2] \`kubectl logs\` status ok\n${big}`, tool_call_id: 'b' }),
    ];
    const out = trimContext(messages, 1500);
    expect(out).toHaveLength(messages.length);
    expect(out[3]?.text).toBe(
      '[citation 1] `kubectl get pods` status ok\n[output trimmed to fit the context window]',
    );
    expect(out[5]?.text.length).toBeGreaterThan(1000);
    expect(messages[3]?.text.length).toBeGreaterThan(1000);
    expect(trimContext(messages, 100_000)).toBe(messages);
  });
});
