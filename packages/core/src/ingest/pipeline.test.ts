import { describe, expect, it } from 'vitest';
import { staticTopology } from '../correlation/static-topology.js';
import { AuroraError } from '../errors.js';
import type { AlertInput } from '../model/index.js';
import { INVESTIGATE_JOB } from '../runtime/jobs.js';
import { fixtureAlerts, harness, TENANT, withFields } from './test-harness.js';

const MIN = 60_000;
const [cpuA, cpuB] = fixtureAlerts('alertmanager', 'v4-firing-two-alerts-critical') as [
  AlertInput,
  AlertInput,
];
const [cpuAResolved] = fixtureAlerts('alertmanager', 'v4-resolved-single') as [AlertInput];
const cpuBResolved = withFields(cpuB, { status: 'resolved' });
const [pagerduty] = fixtureAlerts('pagerduty', 'v3-incident-triggered') as [AlertInput];
const [deploy] = fixtureAlerts('jenkins', 'notification-plugin-docs-completed-success') as [AlertInput];

/** The n-th distinct alert of a storm on one service, built from a real payload. */
const stormAlert = (n: number, service = 'andromeda') =>
  withFields(cpuA, {
    fingerprint: `${cpuA.fingerprint}:${n}`,
    service,
    title: n % 2 ? 'Disk IO saturated' : cpuA.title,
  });

describe('ingest pipeline scenarios', () => {
  it('turns a same-service storm into one incident with one investigation', async () => {
    const h = harness();
    for (let i = 0; i < 20; i++) {
      await h.deliver([stormAlert(i)]);
      h.clock.advance(15_000);
    }
    const [incident, ...others] = await h.incidents();
    expect(others).toHaveLength(0);
    expect(incident).toMatchObject({
      title: 'High CPU Temperature',
      severity: 'critical',
      alertCount: 20,
      openAlertCount: 20,
      affectedServices: ['andromeda'],
      lastAlertAt: '2026-03-01T12:04:45.000Z',
    });
    const alerts = await h.alertsOf(incident!.id);
    expect(alerts.map((a) => a.correlation?.strategy)).toEqual(['new', ...Array(19).fill('service')]);
    expect(alerts[1]!.correlation!.details.service).toEqual({ score: 1, reason: 'Same service: andromeda' });
    expect(h.enqueued).toEqual([
      {
        kind: INVESTIGATE_JOB,
        payload: { tenantId: TENANT, incidentId: incident!.id, reason: 'created' },
        options: { key: `investigate:${incident!.id}` },
      },
    ]);
  });

  it('keeps two unrelated services apart', async () => {
    const h = harness();
    const res = await h.deliver([cpuA, pagerduty]);
    expect(res.incidents.map((i) => i.created)).toEqual([true, true]);
    const incidents = await h.incidents();
    expect(incidents.map((i) => i.affectedServices)).toEqual([['andromeda'], ['pig208']]);
    expect(h.enqueued).toHaveLength(2);
  });

  it('joins the same alert text across services by similarity and shows the blast radius', async () => {
    const h = harness();
    await h.deliver([cpuA]);
    h.clock.advance(MIN);
    await h.deliver([withFields(cpuA, { fingerprint: 'alertmanager:other-host', service: 'cassiopeia' })]);
    const [incident, ...rest] = await h.incidents();
    expect(rest).toHaveLength(0);
    expect(incident!.affectedServices).toEqual(['andromeda', 'cassiopeia']);
    const joined = (await h.alertsOf(incident!.id))[1]!;
    expect(joined.correlation).toMatchObject({ strategy: 'similarity' });
    expect(joined.correlation!.details.service!.score).toBe(0);
    expect(joined.correlation!.details.similarity!.score).toBeGreaterThan(0.9);
  });

  it('stores a deploy alone without an incident, then links it to the next alert of its service', async () => {
    const h = harness();
    const first = await h.deliver([deploy]);
    expect(first.alerts[0]).toMatchObject({ incidentId: null, deduplicated: false });
    expect(await h.incidents()).toHaveLength(0);
    expect(h.enqueued).toHaveLength(0);

    h.clock.advance(3 * MIN);
    await h.deliver([withFields(cpuA, { service: 'asgard' })]);
    const [incident] = await h.incidents();
    expect(incident).toMatchObject({ alertCount: 2, openAlertCount: 1, affectedServices: ['asgard'] });
    const change = (await h.alertsOf(incident!.id)).find((a) => a.kind === 'change')!;
    expect(change.correlation).toMatchObject({ strategy: 'change', score: 0.95 });
    expect(change.correlation!.details.change!.reason).toBe(
      'Change of asgard 3m before “High CPU Temperature”',
    );
    expect(h.events.filter((e) => e.type === 'alert.correlated')).toHaveLength(2);
  });

  it('does not link a deploy older than the change window', async () => {
    const h = harness();
    await h.deliver([deploy]);
    h.clock.advance(31 * MIN);
    await h.deliver([withFields(cpuA, { service: 'asgard' })]);
    const [incident] = await h.incidents();
    expect(incident!.alertCount).toBe(1);
  });

  it('deduplicates a re-delivery instead of opening or growing an incident', async () => {
    const h = harness();
    await h.deliver([cpuA, cpuB]);
    h.clock.advance(MIN);
    const again = await h.deliver([cpuA, cpuB]);
    expect(again.alerts.map((a) => a.deduplicated)).toEqual([true, true]);
    expect(again.incidents).toEqual([]);
    const [incident, ...rest] = await h.incidents();
    expect(rest).toHaveLength(0);
    expect(incident!.alertCount).toBe(2);
    expect((await h.alertsOf(incident!.id)).map((a) => a.occurrences)).toEqual([2, 2]);
    expect(h.events.filter((e) => e.type === 'alert.updated')).toHaveLength(2);
    expect(h.enqueued).toHaveLength(1);
  });

  it('closes resolved alerts, says when none is open, auto-resolves, and a refire starts afresh', async () => {
    const h = harness();
    await h.deliver([cpuA, withFields(cpuB, { severity: 'high' })]);
    const [incident] = await h.incidents();

    h.clock.advance(MIN);
    await h.deliver([cpuAResolved]);
    let current = await h.storage.incidents.get(TENANT, incident!.id);
    expect(current).toMatchObject({
      status: 'investigating',
      openAlertCount: 1,
      alertCount: 2,
      severity: 'high',
    });

    await h.deliver([cpuBResolved]);
    current = await h.storage.incidents.get(TENANT, incident!.id);
    expect(current).toMatchObject({ status: 'resolved', openAlertCount: 0, auroraStatus: 'cancelled' });
    expect(h.cancelled).toEqual([{ key: `investigate:${incident!.id}`, reason: 'All alerts resolved' }]);

    h.clock.advance(MIN);
    const refire = await h.deliver([cpuA]);
    expect(refire.alerts[0]).toMatchObject({ deduplicated: false });
    expect(refire.incidents).toEqual([{ id: expect.not.stringMatching(incident!.id), created: true }]);
    expect(h.enqueued).toHaveLength(2);
  });

  it('without auto-resolve, keeps the quiet incident open and takes the refire back', async () => {
    const h = harness({ autoResolve: false });
    await h.deliver([cpuA]);
    await h.deliver([cpuAResolved]);
    const [incident] = await h.incidents();
    expect(incident).toMatchObject({ status: 'investigating', alertCount: 1, openAlertCount: 0 });
    h.clock.advance(10 * MIN);
    const refire = await h.deliver([cpuA]);
    expect(refire.alerts[0]).toMatchObject({ deduplicated: true, incidentId: incident!.id });
    expect(await h.storage.incidents.get(TENANT, incident!.id)).toMatchObject({
      openAlertCount: 1,
      lastAlertAt: '2026-03-01T12:10:00.000Z',
    });
  });

  it('resolves an incident whose only alert fired and resolved in one delivery', async () => {
    const h = harness();
    await h.deliver([cpuA, cpuAResolved]);
    const [incident] = await h.incidents();
    expect(incident).toMatchObject({ status: 'resolved', alertCount: 1, openAlertCount: 0 });
  });

  it('never opens an incident for a resolve it never saw firing', async () => {
    const h = harness();
    const res = await h.deliver([cpuAResolved]);
    expect(res.alerts[0]).toMatchObject({ incidentId: null, status: 'resolved' });
    expect(await h.incidents()).toHaveLength(0);
  });

  it('measures the window from the last alert and opens a new incident after it', async () => {
    const h = harness();
    await h.deliver([stormAlert(0)]);
    h.clock.advance(4 * MIN);
    await h.deliver([stormAlert(1)]);
    h.clock.advance(4 * MIN); // 8 minutes after the first alert, 4 after the last
    await h.deliver([stormAlert(2)]);
    h.clock.advance(5 * MIN + 1000);
    await h.deliver([stormAlert(3)]);
    const incidents = await h.incidents();
    expect(incidents.map((i) => i.alertCount)).toEqual([3, 1]);
    const late = (await h.alertsOf(incidents[1]!.id))[0]!;
    expect(late.correlation!.details.new!.reason).toBe('No open incident with an alert in the last 5m');
  });

  it('caps the group size', async () => {
    const h = harness({ correlation: { maxAlertsPerIncident: 3 } });
    await h.deliver([0, 1, 2, 3, 4].map((i) => stormAlert(i)));
    expect((await h.incidents()).map((i) => i.alertCount)).toEqual([3, 2]);
  });

  it('records decisions without applying them in shadow mode', async () => {
    const h = harness({ correlation: { shadow: true } });
    await h.deliver([cpuA]);
    await h.deliver([cpuB]);
    const incidents = await h.incidents();
    expect(incidents).toHaveLength(2);
    const second = (await h.alertsOf(incidents[1]!.id))[0]!;
    expect(second.correlation).toMatchObject({
      strategy: 'new',
      shadow: true,
      wouldJoinIncidentId: incidents[0]!.id,
    });
    // Nor is a deploy linked.
    await h.deliver([deploy]);
    await h.deliver([withFields(cpuA, { fingerprint: 'asgard-alert', service: 'asgard' })]);
    const asgard = (await h.incidents()).find((i) => i.affectedServices.includes('asgard'))!;
    expect(asgard.alertCount).toBe(1);
  });

  it('records test notifications without investigating them unless asked', async () => {
    const h = harness();
    const test = fixtureAlerts('grafana', 'legacy-test-alerting');
    await h.deliver(test);
    const [incident] = await h.incidents();
    expect(incident).toMatchObject({ test: true, auroraStatus: 'cancelled' });
    expect(h.enqueued).toHaveLength(0);
    const other = harness();
    await other.deliver(test, { investigateTestAlerts: true });
    expect(other.enqueued).toHaveLength(1);
  });

  it('publishes after commit, creation before correlation', async () => {
    const h = harness();
    await h.deliver([cpuA, cpuB]);
    expect(h.events.map((e) => e.type)).toEqual(['incident.created', 'alert.correlated', 'alert.correlated']);
    const created = h.events[0]!;
    expect(created.type === 'incident.created' && created.incident.alertCount).toBe(2);
    await h.deliver([withFields(cpuA, { fingerprint: 'x:3' })]);
    expect(h.events.at(-2)).toMatchObject({
      type: 'incident.updated',
      changes: ['alertCount', 'openAlertCount'],
    });
  });

  it('treats losing the insert race to another process as a repeat', async () => {
    const h = harness();
    await h.deliver([cpuA]);
    // Another process inserted the alert after this one looked: findActive misses once.
    const original = h.storage.transaction.bind(h.storage);
    let stale = true;
    h.storage.transaction = (fn) =>
      original((tx) => {
        const findActive = tx.alerts.findActive.bind(tx.alerts);
        const alerts = Object.create(tx.alerts);
        alerts.findActive = async (...args: Parameters<typeof findActive>) => {
          if (!stale) return findActive(...args);
          stale = false;
          return null;
        };
        return fn({ ...tx, alerts });
      });
    const res = await h.deliver([cpuA]);
    expect(res.alerts[0]).toMatchObject({ deduplicated: true });
    expect((await h.incidents())[0]!.alertCount).toBe(1);
  });

  it('rejects an alert that does not match the schema', async () => {
    const h = harness();
    const bad = { ...cpuA, fingerprint: '' };
    await expect(h.deliver([bad])).rejects.toSatisfy(
      (e) => AuroraError.isInstance(e) && e.code === 'INVALID_INPUT',
    );
    expect(await h.incidents()).toHaveLength(0);
  });

  it('opens a manual incident, investigates it, and lets alerts of its service join', async () => {
    const h = harness();
    const manual = await h.pipeline.openIncident({
      tenantId: TENANT,
      title: 'Checkout is slow',
      service: 'andromeda',
      severity: 'high',
    });
    expect(manual).toMatchObject({
      origin: 'manual',
      status: 'investigating',
      auroraStatus: 'queued',
      alertCount: 0,
    });
    expect(h.enqueued[0]!.payload).toEqual({ tenantId: TENANT, incidentId: manual.id, reason: 'manual' });
    await h.deliver([cpuA]);
    expect(await h.storage.incidents.get(TENANT, manual.id)).toMatchObject({
      alertCount: 1,
      severity: 'critical',
    });
    // The severity a person chose is a floor: a low alert does not lower it.
    const other = harness();
    const floor = await other.pipeline.openIncident({
      tenantId: TENANT,
      title: 'Slow',
      service: 'andromeda',
      severity: 'high',
    });
    await other.deliver([withFields(cpuA, { severity: 'low' })]);
    expect(await other.storage.incidents.get(TENANT, floor.id)).toMatchObject({
      alertCount: 1,
      severity: 'high',
    });
    await expect(h.pipeline.openIncident({ tenantId: TENANT, title: '' })).rejects.toThrow(
      /Invalid incident/,
    );
  });

  it('joins a direct neighbour through the topology provider', async () => {
    const h = harness({ topology: staticTopology({ dependencies: { andromeda: ['pig208'] } }) });
    await h.deliver([cpuA]);
    h.clock.advance(2 * MIN);
    await h.deliver([pagerduty]);
    const [incident, ...rest] = await h.incidents();
    expect(rest).toHaveLength(0);
    expect(incident!.affectedServices).toEqual(['andromeda', 'pig208']);
    const joined = (await h.alertsOf(incident!.id))[1]!;
    expect(joined.correlation!.strategy).toBe('topology');
    expect(joined.correlation!.details.service!.reason).toBe('andromeda is upstream of pig208 (direct)');
  });

  it('uses any LangChain embeddings, once per distinct text, and can run without', async () => {
    const texts: string[] = [];
    const embeddings = {
      async embedDocuments(docs: string[]) {
        texts.push(...docs);
        return docs.map((d) => (d.includes('CPU') ? [1, 0] : [0, 1]));
      },
      async embedQuery(doc: string) {
        return (await this.embedDocuments([doc]))[0]!;
      },
    };
    const h = harness({ embeddings });
    await h.deliver([cpuA, cpuB]);
    const elsewhere = withFields(cpuA, {
      fingerprint: 'elsewhere',
      service: 'cassiopeia',
      description: 'CPU hot',
    });
    await h.deliver([elsewhere]);
    await h.deliver([withFields(elsewhere, { fingerprint: 'elsewhere-2' })]);
    // Three distinct texts (the incident's text is its first alert's, already cached).
    expect(texts).toEqual([
      `${cpuA.title}\n${cpuA.description}`,
      `${cpuB.title}\n${cpuB.description}`,
      'High CPU Temperature\nCPU hot',
    ]);
    expect(await h.incidents()).toHaveLength(1);

    const without = harness({ embeddings: null });
    await without.deliver([cpuA]);
    await without.deliver([withFields(cpuA, { fingerprint: 'elsewhere', service: 'cassiopeia' })]);
    expect(await without.incidents()).toHaveLength(2);
  });

  it('keeps ingesting when the embedder fails, correlating without similarity', async () => {
    const failures: unknown[] = [];
    const embeddings = {
      embedDocuments: async () => {
        throw new Error('embedding model unavailable');
      },
      embedQuery: async () => {
        throw new Error('embedding model unavailable');
      },
    };
    const h = harness({ embeddings, onCorrelationError: (e, { stage }) => void failures.push([stage, e]) });
    await h.deliver([cpuA]);
    await h.deliver([cpuB]);
    const [incident, ...rest] = await h.incidents();
    expect(rest).toHaveLength(0);
    const joined = (await h.alertsOf(incident!.id))[1]!;
    expect(joined.correlation!.details.similarity).toEqual({ score: 0, reason: 'No embedding available' });
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toEqual(['embeddings', new Error('embedding model unavailable')]);
  });

  it('keeps ingesting when the topology provider fails, correlating without neighbours', async () => {
    const failures: string[] = [];
    const topology = {
      neighbours: async () => {
        throw new Error('catalog down');
      },
    };
    const h = harness({ topology, onCorrelationError: (_e, { stage }) => void failures.push(stage) });
    await h.deliver([cpuA]);
    await h.deliver([cpuB]);
    expect((await h.incidents()).map((i) => i.alertCount)).toEqual([2]);
    expect(failures).toEqual(['topology', 'topology']);
  });
});
