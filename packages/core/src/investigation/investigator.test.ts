import { describe, expect, it } from 'vitest';
import { makeAlert, makeIncident } from '../testing/conformance/builders.js';
import { scriptedChatModel } from '../testing/models/scripted-chat-model.js';
import { createInvestigator } from './investigator.js';
import { CONCLUDE_PROMPT } from './prompts.js';
import { fakeKubectl, jobFor, setup, TENANT } from './test-harness.js';

const result = (over: Record<string, unknown> = {}) => ({
  name: 'submit_result',
  args: {
    summary: 'checkout pods are OOMKilled [1].',
    rootCause: 'Memory limit of 256Mi is too low [1] [9].',
    confidence: 'confirmed',
    ruledOut: ['Image pull failures'],
    notChecked: ['Metrics'],
    suggestions: [
      {
        type: 'diagnostic',
        title: 'Memory use',
        tool: 'kubectl',
        args: ['top', 'pod', '-n', 'shop'],
        command: 'kubectl top pod -n shop',
        risk: 'low',
        rationale: 'see [1]',
      },
      {
        type: 'fix',
        title: 'Raise the memory limit',
        repository: 'acme/shop',
        filePath: 'k8s/checkout.yaml',
        originalContent: 'memory: 256Mi',
        suggestedContent: 'memory: 512Mi',
        rationale: 'OOM [1]',
      },
    ],
    ...over,
  },
});

const pods = {
  'get pods -n shop': { output: 'NAME READY STATUS RESTARTS AGE\ncheckout-1 0/1 OOMKilled 4 5m' },
};

describe('createInvestigator with a scripted model', () => {
  it('streams thoughts, cites the tool call, stores the result and suggestions, and enforces citations', async () => {
    const h = await setup();
    const model = scriptedChatModel([
      {
        text: 'The alert is about checkout latency. I will list the pods first.',
        chunkSize: 7,
        toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] } }],
      },
      { text: 'The pod is OOMKilled.', toolCalls: [result()] },
    ]);
    const investigator = createInvestigator({ ...h, tools: [fakeKubectl(pods)], model });
    await investigator.run(jobFor(h.incident.id));

    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident).toMatchObject({
      status: 'analyzed',
      auroraStatus: 'complete',
      confidence: 'confirmed',
      ruledOut: ['Image pull failures'],
    });
    // [9] does not exist: removed in code, and the removal is noted.
    expect(incident?.rootCause).toBe('Memory limit of 256Mi is too low [1].');
    expect(incident?.analyzedAt).not.toBeNull();

    const citations = await h.storage.citations.list(TENANT, h.incident.id);
    expect(citations).toHaveLength(1);
    expect(citations[0]).toMatchObject({
      key: '1',
      toolName: 'kubectl',
      command: 'kubectl get pods -n shop',
      status: 'ok',
      origin: 'investigation',
    });
    expect(citations[0]?.output).toContain('OOMKilled');

    const thoughts = await h.storage.thoughts.list(TENANT, h.incident.id);
    expect(thoughts.map((t) => t.content)).toEqual([
      'The alert is about checkout latency.',
      'I will list the pods first.',
      'The pod is OOMKilled.',
      'Removed citation [9] from the result: only commands that ran successfully can be cited.',
    ]);
    expect(thoughts.map((t) => t.seq)).toEqual([1, 2, 3, 4]);

    const suggestions = await h.storage.suggestions.listByIncident(TENANT, h.incident.id);
    expect(suggestions.map((s) => s.type).sort()).toEqual(['diagnostic', 'fix']);
    expect(suggestions.find((s) => s.type === 'fix')).toMatchObject({
      repository: 'acme/shop',
      filePath: 'k8s/checkout.yaml',
      suggestedContent: 'memory: 512Mi',
    });

    const types = h.events.map((e) => e.type);
    expect(types[0]).toBe('incident.updated');
    expect(types).toContain('citation');
    expect(types.filter((t) => t === 'suggestion')).toHaveLength(2);
    expect(types.at(-1)).toBe('incident.updated');
    // Citation event comes before the thought written after the tool ran.
    expect(types.indexOf('citation')).toBeLessThan(types.lastIndexOf('thought'));
  });

  it('gives the model the alert context and its tool results with citation keys', async () => {
    const h = await setup({
      labels: { namespace: 'shop', pod: 'checkout-1' },
      raw: { note: 'x'.repeat(2000) },
    });
    const model = scriptedChatModel([
      { toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] } }] },
      { toolCalls: [result()] },
    ]);
    await createInvestigator({ ...h, tools: [fakeKubectl(pods)], model }).run(jobFor(h.incident.id));
    const first = model.calls[0]?.map((m) => m.text).join('\n') ?? '';
    expect(first).toContain('checkout latency above SLO');
    expect(first).toContain('"pod": "checkout-1"');
    expect(first).toContain('…[1500 more chars]');
    const second = model.calls[1]?.at(-1)?.text ?? '';
    expect(second).toMatch(/^\[citation 1\] `kubectl get pods -n shop` status ok/);
  });

  it('reads a cut payload field in full with read_alert_field', async () => {
    const h = await setup({ raw: { note: `${'x'.repeat(600)}END` } });
    const [alert] = await h.storage.alerts.listByIncident(TENANT, h.incident.id);
    const model = scriptedChatModel([
      { toolCalls: [{ name: 'read_alert_field', args: { alertId: alert?.id, path: 'note' } }] },
      { toolCalls: [result({ rootCause: 'See [1].' })] },
    ]);
    await createInvestigator({ ...h, tools: [], model }).run(jobFor(h.incident.id));
    const [citation] = await h.storage.citations.list(TENANT, h.incident.id);
    expect(citation?.status).toBe('ok');
    expect(citation?.output.endsWith('END')).toBe(true);
  });

  it('retries a malformed result, then accepts a valid one', async () => {
    const h = await setup();
    const model = scriptedChatModel([
      { toolCalls: [{ name: 'submit_result', args: { summary: 'x', confidence: 'very sure' } }] },
      { text: 'Here is my answer without the tool.' },
      { toolCalls: [result({ rootCause: 'ok' })] },
    ]);
    await createInvestigator({ ...h, tools: [], model }).run(jobFor(h.incident.id));
    expect(await h.storage.incidents.get(TENANT, h.incident.id)).toMatchObject({
      auroraStatus: 'complete',
      rootCause: 'ok',
    });
    expect(model.calls[1]?.at(-1)?.text).toMatch(/not accepted: invalid submit_result arguments \(rootCause/);
  });

  it('answers a call with unparseable arguments and lets the model try again', async () => {
    const h = await setup();
    const model = scriptedChatModel([
      { toolCalls: [{ name: 'submit_result', args: {}, rawArgs: 'summary=cut off' }] },
      { toolCalls: [result({ rootCause: 'second try' })] },
    ]);
    await createInvestigator({ ...h, tools: [], model }).run(jobFor(h.incident.id));
    expect(model.calls[1]?.at(-1)?.text).toBe(
      'Not run: the arguments of submit_result were not valid JSON. Call it again with a JSON object.',
    );
    expect(await h.storage.incidents.get(TENANT, h.incident.id)).toMatchObject({
      auroraStatus: 'complete',
      rootCause: 'second try',
    });
  });

  it('fails cleanly when the result stays malformed', async () => {
    const h = await setup();
    const model = scriptedChatModel([{ text: 'I think it is the database.' }], { repeatLast: true });
    await createInvestigator({ ...h, tools: [], model, budgets: { maxResultRetries: 2 } }).run(
      jobFor(h.incident.id),
    );
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident).toMatchObject({ status: 'investigating', auroraStatus: 'failed' });
    expect(incident?.auroraStatusReason).toMatch(/did not produce a valid result after 3 attempts/);
    expect(model.calls).toHaveLength(3);
  });

  it('accepts a result given as JSON text', async () => {
    const h = await setup();
    const model = scriptedChatModel([
      { text: `Result: ${JSON.stringify(result({ summary: 'plain' }).args)}` },
    ]);
    await createInvestigator({ ...h, tools: [], model }).run(jobFor(h.incident.id));
    expect(await h.storage.incidents.get(TENANT, h.incident.id)).toMatchObject({
      auroraStatus: 'complete',
      summary: 'plain',
    });
  });

  it('marks the investigation failed with the reason when the model errors', async () => {
    const h = await setup();
    const model = scriptedChatModel([{ text: 'Looking.', error: new Error('429 rate limited by provider') }]);
    await createInvestigator({ ...h, tools: [], model }).run(jobFor(h.incident.id));
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident?.auroraStatus).toBe('failed');
    expect(incident?.auroraStatusReason).toContain('429 rate limited by provider');
  });

  it('cancels while a tool runs (the hung tool is aborted), recording why', async () => {
    const h = await setup();
    const never = (signal: AbortSignal) =>
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('killed'))));
    const model = scriptedChatModel([
      { text: 'Fetching logs.', toolCalls: [{ name: 'kubectl', args: { args: ['logs', 'x'] } }] },
    ]);
    const job = jobFor(h.incident.id);
    const run = createInvestigator({ ...h, tools: [fakeKubectl({ 'logs x': never })], model }).run(job);
    await new Promise((r) => setTimeout(r, 50));
    job.controller.abort('merged into inc_other');
    // The tool never settles on its own: the run ending proves the abort reached it.
    await run;
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident).toMatchObject({
      auroraStatus: 'cancelled',
      auroraStatusReason: 'merged into inc_other',
    });
    const thoughts = await h.storage.thoughts.list(TENANT, h.incident.id);
    expect(thoughts.at(-1)).toMatchObject({
      kind: 'system',
      content: 'Investigation cancelled: merged into inc_other',
    });
  });

  it('does not overwrite a status someone else set when cancelled', async () => {
    const h = await setup();
    const model = scriptedChatModel([{ hang: true }]);
    const job = jobFor(h.incident.id);
    const run = createInvestigator({ ...h, tools: [], model }).run(job);
    await new Promise((r) => setTimeout(r, 30));
    await h.storage.incidents.update(TENANT, h.incident.id, {
      status: 'merged',
      auroraStatus: 'cancelled',
      auroraStatusReason: 'merged',
    });
    job.controller.abort('merged');
    await run;
    expect(await h.storage.incidents.get(TENANT, h.incident.id)).toMatchObject({
      status: 'merged',
      auroraStatus: 'cancelled',
    });
  });

  it('abandons a hung tool after its time limit and carries on', async () => {
    const h = await setup();
    const hang = () => new Promise<never>(() => undefined);
    const model = scriptedChatModel([
      { toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods'] } }] },
      { toolCalls: [result({ rootCause: 'unknown', confidence: 'inconclusive' })] },
    ]);
    await createInvestigator({
      ...h,
      tools: [fakeKubectl({ 'get pods': hang })],
      model,
      budgets: { toolTimeoutMs: 50 },
    }).run(jobFor(h.incident.id));
    const [citation] = await h.storage.citations.list(TENANT, h.incident.id);
    expect(citation).toMatchObject({ status: 'error' });
    expect(citation?.reason).toMatch(/timed out after 50 ms/);
    expect((await h.storage.incidents.get(TENANT, h.incident.id))?.auroraStatus).toBe('complete');
  });

  it('stops at the wall-time budget and says so', async () => {
    const h = await setup();
    const model = scriptedChatModel([{ hang: true }]);
    await createInvestigator({ ...h, tools: [], model, budgets: { maxWallMs: 100 } }).run(
      jobFor(h.incident.id),
    );
    const incident = await h.storage.incidents.get(TENANT, h.incident.id);
    expect(incident?.auroraStatus).toBe('failed');
    expect(incident?.auroraStatusReason).toMatch(/time budget/);
  });

  it('asks the model to conclude when the step budget is spent', async () => {
    const h = await setup();
    const call = { name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] } };
    const model = scriptedChatModel([{ toolCalls: [call] }, { toolCalls: [result({ rootCause: 'done' })] }]);
    await createInvestigator({ ...h, tools: [fakeKubectl(pods)], model, budgets: { maxSteps: 1 } }).run(
      jobFor(h.incident.id),
    );
    expect(model.calls[1]?.at(-1)?.text).toBe(CONCLUDE_PROMPT);
    expect((await h.storage.incidents.get(TENANT, h.incident.id))?.auroraStatus).toBe('complete');
  });

  it('delivers alerts correlated mid-run and findings of merged incidents to the running investigation', async () => {
    const h = await setup();
    const merged = await h.storage.incidents.create(
      makeIncident({
        tenantId: TENANT,
        status: 'merged',
        mergedIntoId: h.incident.id,
        summary: 'DB failover at 12:01',
        rootCause: 'primary db restarted',
      }),
    );
    const kubectl = fakeKubectl({
      'get pods -n shop': async () => {
        await h.storage.alerts.insert(
          makeAlert({
            tenantId: TENANT,
            incidentId: h.incident.id,
            title: 'PostgresDown',
            correlation: {
              strategy: 'service',
              score: 0.9,
              details: {},
              shadow: false,
              wouldJoinIncidentId: null,
            },
          }),
        );
        return {
          status: 'ok',
          output: 'NAME READY STATUS RESTARTS AGE',
          command: 'kubectl get pods -n shop',
        };
      },
    });
    const model = scriptedChatModel([
      { toolCalls: [{ name: 'kubectl', args: { args: ['get', 'pods', '-n', 'shop'] } }] },
      { toolCalls: [result({ rootCause: 'db' })] },
    ]);
    await createInvestigator({ ...h, tools: [kubectl], model }).run(jobFor(h.incident.id));
    const first = model.calls[0]?.map((m) => m.text).join('\n') ?? '';
    expect(first).toContain('primary db restarted');
    expect(first).toContain(merged.id);
    const second = model.calls[1]?.at(-1)?.text ?? '';
    expect(second).toContain('1 new alert(s) were correlated');
    expect(second).toContain('PostgresDown');
    const notes = (await h.storage.thoughts.list(TENANT, h.incident.id)).filter((t) => t.kind === 'system');
    expect(notes.map((t) => t.content)).toEqual([
      'New evidence reached the investigation: Alert "PostgresDown" (grafana).',
    ]);
  });

  it('ignores a job for an incident that is already resolved', async () => {
    const h = await setup();
    await h.storage.incidents.update(TENANT, h.incident.id, { status: 'resolved' });
    const model = scriptedChatModel([]);
    await createInvestigator({ ...h, tools: [], model }).run(jobFor(h.incident.id));
    expect(model.calls).toHaveLength(0);
    expect((await h.storage.incidents.get(TENANT, h.incident.id))?.auroraStatus).toBe('queued');
  });
});
