import { describe, expect, it } from 'vitest';
import { Alert, Incident, type StoredAlert } from '../model/index.js';
import type { ServiceNeighbour } from '../spec/topology.js';
import { changeProximityStrategy } from './change-strategy.js';
import { decide, evaluateCandidates } from './combiner.js';
import { lexicalEmbeddings } from './lexical-embeddings.js';
import { type CorrelationOptionsInput, resolveCorrelationOptions } from './options.js';
import { normalizeService } from './service-name.js';
import { serviceStrategy } from './service-strategy.js';
import { similarityStrategy } from './similarity-strategy.js';
import { timeWindowStrategy } from './time-strategy.js';
import type { CandidateIncident, StrategyContext } from './types.js';
import { toUnitVector } from './vector.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const emb = lexicalEmbeddings();
const vec = (text: string) => toUnitVector(emb.embed(text));
const strategies = [serviceStrategy(), timeWindowStrategy(), similarityStrategy(), changeProximityStrategy()];

function incident(
  id: string,
  title: string,
  services: string[],
  lastAlertMsAgo = 0,
  extra: Partial<Incident> = {},
) {
  const at = new Date(T0 - lastAlertMsAgo).toISOString();
  return Incident.parse({
    id,
    tenantId: 't1',
    title,
    severity: 'high',
    status: 'investigating',
    auroraStatus: 'queued',
    affectedServices: services,
    alertCount: 1,
    openAlertCount: 1,
    startedAt: at,
    lastAlertAt: at,
    createdAt: at,
    updatedAt: at,
    ...extra,
  });
}

function run(
  title: string,
  service: string | null,
  candidates: Incident[],
  opts: CorrelationOptionsInput = {},
  more: { neighbours?: ServiceNeighbour[]; changes?: StoredAlert[]; at?: number; environment?: string } = {},
) {
  const alert = Alert.parse({
    source: 'test',
    fingerprint: 'fp',
    title,
    severity: 'high',
    status: 'firing',
    service,
    environment: more.environment ?? null,
    startedAt: new Date(T0).toISOString(),
    raw: {},
  });
  const options = resolveCorrelationOptions(opts);
  const context: StrategyContext = {
    tenantId: 't1',
    options,
    service: normalizeService(service),
    neighbours: new Map((more.neighbours ?? []).map((n) => [n.service, n])),
    recentChanges: more.changes ?? [],
  };
  const subject = { alert, at: more.at ?? T0, vector: vec(title) };
  const cands: CandidateIncident[] = candidates.map((i) => ({ incident: i, vector: vec(i.title) }));
  return decide(evaluateCandidates(subject, cands, strategies, context), context);
}

describe('correlation combiner', () => {
  it('joins a same-service alert even with unrelated text, up to the window edge', () => {
    const d = run('Disk almost full', 'checkout', [
      incident('i1', 'HTTP 5xx on checkout', ['checkout'], 299_000),
    ]);
    expect(d.join?.id).toBe('i1');
    expect(d.correlation.strategy).toBe('service');
    expect(d.correlation.details.service).toEqual({ score: 1, reason: 'Same service: checkout' });
    expect(d.correlation.details.time?.reason).toMatch(/4m 59s earlier/);
  });

  it('never joins past the window, measured from the last alert', () => {
    const d = run('Disk almost full', 'checkout', [
      incident('i1', 'Disk almost full', ['checkout'], 301_000),
    ]);
    expect(d.join).toBeNull();
    expect(d.evaluations[0]?.excluded).toMatch(/outside the window/);
    expect(d.correlation.strategy).toBe('new');
  });

  it('keeps unrelated services apart', () => {
    const d = run('Disk quota exceeded for backups', 'storage', [
      incident('i1', 'HTTP 5xx error rate on checkout', ['checkout']),
    ]);
    expect(d.join).toBeNull();
    expect(d.correlation.details.new?.reason).toMatch(/closest/);
  });

  it('joins very similar text across services by similarity', () => {
    const d = run('HTTP 5xx error rate above 5% on payments', 'payments', [
      incident('i1', 'HTTP 5xx error rate above 5% on checkout', ['checkout']),
    ]);
    expect(d.join?.id).toBe('i1');
    expect(d.correlation.strategy).toBe('similarity');
  });

  it('never lets an unknown service match another unknown service', () => {
    const d = run('Queue depth high', 'unknown', [incident('i1', 'Certificate expires soon', ['unknown'])]);
    expect(d.join).toBeNull();
    expect(d.evaluations[0]?.details.service?.reason).toBe('The alert has no known service');
  });

  it('joins topology neighbours with a decaying score', () => {
    const neighbours: ServiceNeighbour[] = [
      { service: 'payments', distance: 1, direction: 'downstream' },
      { service: 'ledger', distance: 2, direction: 'downstream' },
    ];
    const near = run(
      'Latency p99 above 2s',
      'checkout',
      [incident('i1', 'Pod restarts', ['payments'])],
      {},
      { neighbours },
    );
    expect(near.join?.id).toBe('i1');
    expect(near.correlation.strategy).toBe('topology');
    expect(near.correlation.details.service?.score).toBe(0.8);
    const far = run(
      'Latency p99 above 2s',
      'checkout',
      [incident('i2', 'Pod restarts', ['ledger'])],
      {},
      { neighbours },
    );
    expect(far.evaluations[0]?.details.service?.score).toBe(0.64);
    expect(far.join).toBeNull();
  });

  it('prefers the incident linked to a deploy of the alert service', () => {
    const change = {
      incidentId: 'i2',
      startedAt: new Date(T0 - 120_000).toISOString(),
      title: 'Deploy checkout #18',
    } as StoredAlert;
    const d = run(
      'Error budget burn',
      'checkout',
      [
        incident('i1', 'Error budget burn', ['checkout'], 10_000),
        incident('i2', 'Error budget burn', ['checkout'], 10_000),
      ],
      {},
      { changes: [change] },
    );
    expect(d.join?.id).toBe('i2');
    expect(d.correlation.details.change?.reason).toMatch(/Deploy checkout #18.*2m before/);
  });

  it('does not add to a full incident', () => {
    const d = run('Disk almost full', 'checkout', [incident('i1', 'x', ['checkout'], 0, { alertCount: 3 })], {
      maxAlertsPerIncident: 3,
    });
    expect(d.join).toBeNull();
    expect(d.evaluations[0]?.excluded).toMatch(/max 3/);
  });

  it('keeps test notifications and other environments apart', () => {
    const d = run('Disk almost full', 'checkout', [
      incident('i1', 'Disk almost full', ['checkout'], 0, { test: true }),
    ]);
    expect(d.join).toBeNull();
    const e = run(
      'Disk almost full',
      'checkout',
      [incident('i2', 'x', ['checkout'], 0, { environment: 'staging' })],
      {},
      {
        environment: 'production',
      },
    );
    expect(e.join).toBeNull();
    expect(e.evaluations[0]?.excluded).toBe('Different environment (production vs staging)');
  });

  it('records the decision without applying it in shadow mode', () => {
    const d = run('Disk almost full', 'checkout', [incident('i1', 'Disk almost full', ['checkout'])], {
      shadow: true,
    });
    expect(d.join).toBeNull();
    expect(d.correlation).toMatchObject({ strategy: 'new', shadow: true, wouldJoinIncidentId: 'i1' });
    expect(d.correlation.details.service?.score).toBe(1);
  });

  it('honours weights and threshold', () => {
    const onlyService = { weights: { service: 1, time: 0, similarity: 0, change: 0 }, threshold: 1 };
    const d = run('Anything', 'checkout', [incident('i1', 'Other', ['checkout'])], onlyService);
    expect(d.join?.id).toBe('i1');
    expect(Object.keys(d.correlation.details)).toEqual(['service']);
  });

  it('rejects unknown or invalid options', () => {
    expect(() => resolveCorrelationOptions({ treshold: 0.5 } as never)).toThrow(
      /Invalid correlation options/,
    );
    expect(() => resolveCorrelationOptions({ threshold: 2 })).toThrow(/threshold/);
  });
});
