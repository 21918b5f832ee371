import { describe, expect, it } from 'vitest';
import { makeAlert, makeCitationDraft } from '../testing/conformance/builders.js';
import { scriptedChatModel } from '../testing/models/scripted-chat-model.js';
import { generatePostmortem } from './postmortem.js';
import { setup, TENANT } from './test-harness.js';

async function resolvedIncident() {
  const h = await setup({
    startedAt: '2026-03-01T12:00:00.000Z',
    endedAt: '2026-03-01T12:30:00.000Z',
    title: 'KubePodCrashLooping',
  });
  await h.storage.alerts.insert(
    makeAlert({
      tenantId: TENANT,
      incidentId: h.incident.id,
      kind: 'change',
      title: 'checkout-deploy #318 succeeded',
      source: 'jenkins',
      startedAt: '2026-03-01T11:55:00.000Z',
      severity: 'info',
    }),
  );
  await h.storage.citations.append(
    TENANT,
    h.incident.id,
    makeCitationDraft({ command: 'kubectl get pods -n shop', executedAt: '2026-03-01T12:02:00.000Z' }),
    () => h.ids.next('cit'),
  );
  await h.storage.thoughts.append(
    TENANT,
    h.incident.id,
    [{ content: 'Listing the pods.', createdAt: '2026-03-01T12:01:00.000Z' }],
    () => h.ids.next('th'),
  );
  await h.storage.incidents.update(TENANT, h.incident.id, {
    status: 'resolved',
    resolvedAt: '2026-03-01T12:45:00.000Z',
    summary: 'checkout crash-looped after deploy #318 [1].',
    rootCause: 'The database refused connections [1].',
    confidence: 'likely',
    analyzedAt: '2026-03-01T12:05:00.000Z',
  });
  return h;
}

describe('generatePostmortem', () => {
  it('builds a rules-based postmortem from the record, stores a version and publishes it', async () => {
    const h = await resolvedIncident();
    const pm = await generatePostmortem(h, TENANT, h.incident.id);
    expect(pm).toMatchObject({ version: 1, generatedBy: 'rules' });
    expect(pm.sections.rootCause).toBe('The database refused connections [1]. (confidence: likely)');
    expect(pm.sections.summary).toBe('checkout crash-looped after deploy #318 [1].');
    expect(pm.sections.impact).toContain('duration 45 min');
    expect(pm.sections.contributingFactors[0]).toContain('checkout-deploy #318 succeeded');
    expect(pm.sections.timeline.map((e) => e.kind)).toEqual([
      'change',
      'alert',
      'thought',
      'citation',
      'status',
      'resolved',
      'status',
    ]);
    expect(pm.markdown).toContain('## Timeline');
    expect(pm.markdown).toContain('`kubectl get pods -n shop`');
    expect(h.events.at(-1)).toMatchObject({ type: 'postmortem', postmortem: { id: pm.id } });
    const again = await generatePostmortem(h, TENANT, h.incident.id);
    expect(again.version).toBe(2);
    expect(await h.storage.postmortems.listVersions(TENANT, h.incident.id)).toHaveLength(2);
  });

  it('lets a model write the prose but keeps the timeline and root cause from the record', async () => {
    const h = await resolvedIncident();
    const model = scriptedChatModel([
      {
        toolCalls: [
          {
            name: 'postmortem',
            args: {
              summary: 'Model summary.',
              impact: 'Checkout down 45 min.',
              resolution: 'DB restarted.',
              actionItems: ['Add a DB readiness gate'],
              lessons: [],
              contributingFactors: [],
            },
          },
        ],
      },
    ]);
    const pm = await generatePostmortem({ ...h, model }, TENANT, h.incident.id);
    expect(pm.generatedBy).toBe('model');
    expect(pm.sections).toMatchObject({
      summary: 'Model summary.',
      impact: 'Checkout down 45 min.',
      actionItems: ['Add a DB readiness gate'],
    });
    expect(pm.sections.rootCause).toContain('The database refused connections');
    expect(pm.sections.timeline.length).toBeGreaterThan(3);
  });

  it('falls back to rules when the model fails', async () => {
    const h = await resolvedIncident();
    const model = scriptedChatModel([{ error: new Error('provider down') }]);
    const pm = await generatePostmortem({ ...h, model }, TENANT, h.incident.id);
    expect(pm.generatedBy).toBe('rules');
  });

  it('rejects an unknown incident with NOT_FOUND', async () => {
    const h = await setup();
    await expect(generatePostmortem(h, TENANT, 'inc_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
