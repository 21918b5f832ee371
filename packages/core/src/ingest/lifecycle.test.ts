import { describe, expect, it } from 'vitest';
import { AuroraError } from '../errors.js';
import type { AlertInput, Incident } from '../model/index.js';
import { fixtureAlerts, harness, TENANT, withFields } from './test-harness.js';

const [cpu] = fixtureAlerts('alertmanager', 'v4-firing-two-alerts-critical') as [AlertInput];
const [pagerduty] = fixtureAlerts('pagerduty', 'v3-incident-triggered') as [AlertInput];
const [datadog] = fixtureAlerts('datadog', 'metric-alert-triggered-codenow') as [AlertInput];

const code = (c: string) => (e: unknown) => AuroraError.isInstance(e) && e.code === c;

/** Three unrelated incidents (andromeda critical, pig208 high, dock unknown). */
async function threeIncidents(h: ReturnType<typeof harness>): Promise<[Incident, Incident, Incident]> {
  await h.deliver([
    cpu,
    withFields(cpu, { fingerprint: 'second', title: 'Fan failure' }),
    pagerduty,
    datadog,
  ]);
  return (await h.incidents()) as [Incident, Incident, Incident];
}

describe('resolveIncident', () => {
  it('resolves, cancels the investigation, deactivates alerts, notes it and calls the hook once', async () => {
    const resolved: string[] = [];
    const h = harness({ hooks: { incidentResolved: async (i) => void resolved.push(i.id) } });
    const [a] = await threeIncidents(h);
    h.clock.advance(60_000);
    const incident = await h.pipeline.resolveIncident(TENANT, a.id, { by: 'alice', reason: 'fan replaced' });
    expect(incident).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-03-01T12:01:00.000Z',
      auroraStatus: 'cancelled',
    });
    expect(h.cancelled).toEqual([{ key: `investigate:${a.id}`, reason: 'fan replaced' }]);
    expect((await h.alertsOf(a.id)).every((x) => !x.active)).toBe(true);
    const [note] = await h.storage.thoughts.list(TENANT, a.id);
    expect(note).toMatchObject({ kind: 'system', content: 'Incident resolved by alice: fan replaced' });
    expect(resolved).toEqual([a.id]);

    await h.pipeline.resolveIncident(TENANT, a.id);
    expect(resolved).toEqual([a.id]);
    // The same fingerprint now starts afresh.
    const again = await h.deliver([cpu]);
    expect(again.incidents[0]?.created).toBe(true);
  });

  it('reports a failing hook without failing the resolve', async () => {
    const failures: unknown[] = [];
    const h = harness({
      hooks: {
        incidentResolved: async () => {
          throw new Error('postmortem model down');
        },
        hookFailed: (e) => void failures.push(e),
      },
    });
    const [a] = await threeIncidents(h);
    await expect(h.pipeline.resolveIncident(TENANT, a.id)).resolves.toMatchObject({ status: 'resolved' });
    expect(failures).toHaveLength(1);
  });

  it('refuses a merged incident and another tenant’s', async () => {
    const h = harness();
    const [a, b] = await threeIncidents(h);
    await h.pipeline.merge(TENANT, a.id, b.id);
    await expect(h.pipeline.resolveIncident(TENANT, a.id)).rejects.toSatisfy(code('INVALID_TRANSITION'));
    await expect(h.pipeline.resolveIncident('other', b.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('updateIncident', () => {
  it('checks status transitions and routes resolved through resolveIncident', async () => {
    const resolved: string[] = [];
    const h = harness({ hooks: { incidentResolved: async (i) => void resolved.push(i.id) } });
    const [a] = await threeIncidents(h);
    expect(
      await h.pipeline.updateIncident(TENANT, a.id, { status: 'analyzed', summary: 'Fan died' }),
    ).toMatchObject({
      status: 'analyzed',
      summary: 'Fan died',
    });
    expect(h.events.at(-1)).toMatchObject({ type: 'incident.updated', changes: ['status', 'summary'] });
    await h.pipeline.updateIncident(TENANT, a.id, { status: 'investigating' });
    const done = await h.pipeline.updateIncident(
      TENANT,
      a.id,
      { status: 'resolved', summary: 'Fan replaced' },
      { by: 'bob' },
    );
    expect(done).toMatchObject({ status: 'resolved', summary: 'Fan replaced' });
    expect(resolved).toEqual([a.id]);
    await expect(h.pipeline.updateIncident(TENANT, a.id, { status: 'investigating' })).rejects.toSatisfy(
      code('INVALID_TRANSITION'),
    );
  });

  it('refuses to merge through an update', async () => {
    const h = harness();
    const [a, b] = await threeIncidents(h);
    await expect(
      h.pipeline.updateIncident(TENANT, a.id, { status: 'merged', mergedIntoId: b.id }),
    ).rejects.toSatisfy(code('INVALID_INPUT'));
  });
});

describe('merge', () => {
  it('moves every alert and suggestion, recomputes the target and carries the findings', async () => {
    const h = harness();
    const [a, b] = await threeIncidents(h);
    await h.storage.incidents.update(TENANT, a.id, {
      summary: 'Fan on andromeda failed',
      rootCause: 'Hardware',
    });
    await h.storage.thoughts.append(
      TENANT,
      a.id,
      [{ content: 'Temperature rose after 00:10.', createdAt: '2026-03-01T12:00:00.000Z' }],
      () => 'th_x',
    );
    await h.storage.suggestions.create({
      id: 'sug_1',
      tenantId: TENANT,
      incidentId: a.id,
      type: 'diagnostic',
      title: 'Check sensors',
      rationale: '',
      status: 'proposed',
      command: 'kubectl get nodes',
      tool: 'kubectl',
      args: ['get', 'nodes'],
      risk: 'low',
      resultCitationKey: null,
      createdAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
    });

    const res = await h.pipeline.merge(TENANT, a.id, b.id, { by: 'alice' });
    expect(res.movedAlerts).toBe(2);
    expect(res.source).toMatchObject({
      status: 'merged',
      mergedIntoId: b.id,
      auroraStatus: 'cancelled',
      alertCount: 0,
    });
    expect(res.target).toMatchObject({
      alertCount: 3,
      openAlertCount: 3,
      severity: 'critical',
      affectedServices: ['pig208', 'andromeda'],
    });
    expect(await h.alertsOf(a.id)).toEqual([]);
    expect((await h.alertsOf(b.id)).map((x) => x.incidentId)).toEqual([b.id, b.id, b.id]);
    expect((await h.storage.suggestions.listByIncident(TENANT, b.id)).map((s) => s.id)).toEqual(['sug_1']);
    expect(h.cancelled).toEqual([{ key: `investigate:${a.id}`, reason: `Merged into ${b.id} by alice` }]);
    const [note] = await h.storage.thoughts.list(TENANT, b.id);
    expect(note!.kind).toBe('system');
    expect(note!.content).toContain('2 alerts moved here');
    expect(note!.content).toContain('Its summary: Fan on andromeda failed');
    expect(note!.content).toContain('- Temperature rose after 00:10.');
    expect(h.events.slice(-3).map((e) => e.type)).toEqual(['incident.merged', 'incident.updated', 'thought']);
    expect((await h.storage.incidents.listMergedInto(TENANT, b.id)).map((i) => i.id)).toEqual([a.id]);
  });

  it('refuses self-merge, chains, and merged or resolved targets', async () => {
    const h = harness();
    const [a, b, c] = await threeIncidents(h);
    await expect(h.pipeline.merge(TENANT, a.id, a.id)).rejects.toSatisfy(code('INVALID_INPUT'));
    await h.pipeline.merge(TENANT, a.id, b.id);
    await expect(h.pipeline.merge(TENANT, a.id, c.id)).rejects.toSatisfy(code('INVALID_TRANSITION'));
    await expect(h.pipeline.merge(TENANT, c.id, a.id)).rejects.toSatisfy(code('INVALID_TRANSITION'));
    await h.pipeline.resolveIncident(TENANT, c.id);
    await expect(h.pipeline.merge(TENANT, b.id, c.id)).rejects.toSatisfy(code('INVALID_TRANSITION'));
    await expect(h.pipeline.merge(TENANT, c.id, b.id)).rejects.toSatisfy(code('INVALID_TRANSITION'));
    await expect(h.pipeline.merge('other', b.id, a.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('lets exactly one of racing conflicting merges win', async () => {
    const h = harness();
    const [a, b, c] = await threeIncidents(h);
    const sameSource = await Promise.allSettled([
      h.pipeline.merge(TENANT, a.id, b.id),
      h.pipeline.merge(TENANT, a.id, c.id),
      h.pipeline.merge(TENANT, a.id, b.id),
    ]);
    expect(sameSource.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of sameSource)
      if (r.status === 'rejected') expect(r.reason).toSatisfy(code('INVALID_TRANSITION'));

    const other = harness();
    const [x, y] = await threeIncidents(other);
    const crossed = await Promise.allSettled([
      other.pipeline.merge(TENANT, x.id, y.id),
      other.pipeline.merge(TENANT, y.id, x.id),
    ]);
    expect(crossed.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('loses no alert whatever order racing merges run in', async () => {
    const h = harness();
    const [a, b, c] = await threeIncidents(h);
    await Promise.allSettled([
      h.pipeline.merge(TENANT, a.id, b.id),
      h.pipeline.merge(TENANT, b.id, a.id),
      h.pipeline.merge(TENANT, a.id, c.id),
      h.pipeline.merge(TENANT, c.id, a.id),
      h.pipeline.merge(TENANT, b.id, c.id),
    ]);
    const all = await h.incidents(true);
    const open = all.filter((i) => i.status === 'investigating');
    const alerts = (await Promise.all(all.map((i) => h.alertsOf(i.id)))).flat();
    expect(alerts).toHaveLength(4);
    expect(alerts.every((x) => open.some((i) => i.id === x.incidentId))).toBe(true);
    expect(open.reduce((n, i) => n + i.alertCount, 0)).toBe(4);
    for (const m of all.filter((i) => i.status === 'merged')) expect(m.alertCount).toBe(0);
  });
});
