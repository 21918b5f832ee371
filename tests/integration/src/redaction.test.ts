import { type Aurora, createAurora } from '@aurora-rca/core';
import { makeIncident, ScriptedChatModel } from '@aurora-rca/core/testing';
import { builtInSources } from '@aurora-rca/adapters/sources';
import { memoryStorage } from '@aurora-rca/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';

const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const PASSWORD = 'hunter2-very-secret';
const opened: Aurora[] = [];
afterEach(async () => {
  for (const a of opened.splice(0)) await a.close();
});

const submit = {
  name: 'submit_result',
  args: {
    summary: 'done',
    rootCause: 'unknown',
    confidence: 'inconclusive',
    ruledOut: [],
    notChecked: [],
    suggestions: [],
  },
};

describe('secrets never reach a model', () => {
  it('redacts an alert payload before the investigation model sees it', async () => {
    const model = new ScriptedChatModel([{ text: 'Looking.', toolCalls: [submit] }], { repeatLast: true });
    const aurora = createAurora({ storage: memoryStorage(), sources: builtInSources(), model });
    opened.push(aurora);
    await aurora.start();
    const payload = {
      receiver: 'aurora',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DatabaseLoginFailures', service: 'orders', severity: 'critical' },
          annotations: {
            description: `Login failed with postgres://orders:${PASSWORD}@db.internal:5432/orders; key ${AWS_KEY}`,
          },
          startsAt: '2026-12-04T10:00:00Z',
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: 'f1',
        },
      ],
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://am',
      version: '4',
      groupKey: '{}',
    };
    const body = JSON.stringify(payload);
    await aurora.ingestWebhook({
      integration: { id: 'am', tenantId: 't', source: 'alertmanager', auth: { type: 'bearer', token: 'x' } },
      request: { headers: { authorization: 'Bearer x' }, rawBody: body, now: Date.now() },
    });
    await expect.poll(() => model.calls.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const seen = model.calls
      .flat()
      .map((m) => JSON.stringify(m.content))
      .join('\n');
    expect(seen).toContain('DatabaseLoginFailures');
    expect(seen).not.toContain(PASSWORD);
    expect(seen).not.toContain(AWS_KEY);
    expect(seen).toContain('[REDACTED]');
  });

  it('redacts the incident record and questions before the chat model sees them', async () => {
    const model = new ScriptedChatModel([{ text: 'Noted.' }]);
    const aurora = createAurora({ storage: memoryStorage(), model });
    opened.push(aurora);
    await aurora.start();
    const incident = await aurora.storage.incidents.create(
      makeIncident({ tenantId: 't', summary: `leaked password=${PASSWORD}` }),
    );
    const { sessionId } = await aurora.chat.ask({ tenantId: 't', userId: 'u' }, incident.id, {
      question: `is ${AWS_KEY} rotated?`,
      mode: 'ask',
    });
    await expect
      .poll(
        async () => (await aurora.chat.session({ tenantId: 't', userId: 'u' }, sessionId)).session.status,
        { timeout: 10_000 },
      )
      .toBe('idle');
    const seen = model.calls
      .flat()
      .map((m) => JSON.stringify(m.content))
      .join('\n');
    expect(seen).not.toContain(PASSWORD);
    expect(seen).not.toContain(AWS_KEY);
  });
});
