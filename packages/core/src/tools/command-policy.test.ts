import { describe, expect, it } from 'vitest';
import { AuroraError } from '../errors.js';
import { createCommandPolicy } from './command-policy.js';

const READS: Array<[string, string[]]> = [
  ['kubectl', ['get', 'pods', '-n', 'shop']],
  ['kubectl', ['get', 'pods', '-n', 'shop', '-o', 'wide', '-l', 'app=web,tier!=db']],
  ['kubectl', ['-n', 'shop', 'get', 'deploy', 'web', '-o', 'yaml']],
  ['kubectl', ['get', 'pods', '-A', '--field-selector=status.phase!=Running']],
  ['kubectl', ['get', 'pods', '-o', 'jsonpath={.items[*].status.containerStatuses[*].lastState}']],
  ['kubectl', ['describe', 'pod', 'web-1', '-n', 'shop']],
  ['kubectl', ['describe', 'secret', 'db-creds', '-n', 'shop']],
  ['kubectl', ['get', 'secrets', '-n', 'shop']],
  ['kubectl', ['get', 'secrets', '-n', 'shop', '-o', 'name']],
  ['kubectl', ['logs', 'web-1', '-n', 'shop', '--previous', '--tail=200', '-c', 'app']],
  ['kubectl', ['logs', '-l', 'app=web', '--since=15m', '--all-containers']],
  ['kubectl', ['top', 'pods', '-n', 'shop']],
  ['kubectl', ['events', '-n', 'shop', '--for', 'pod/web-1']],
  ['kubectl', ['get', 'events', '-n', 'shop', '--sort-by=.lastTimestamp']],
  ['kubectl', ['rollout', 'history', 'deploy/web', '-n', 'shop']],
  ['kubectl', ['rollout', 'status', 'deploy/web']],
  ['kubectl', ['auth', 'can-i', 'list', 'pods']],
  ['kubectl', ['explain', 'pod.spec.containers']],
  ['kubectl', ['version']],
  ['kubectl', ['api-resources']],
  ['gcloud', ['compute', 'instances', 'list', '--project', 'shop-prod', '--format=json']],
  ['gcloud', ['container', 'clusters', 'describe', 'prod', '--region', 'europe-west1']],
  [
    'gcloud',
    ['logging', 'read', 'resource.type=k8s_container AND severity>=ERROR', '--limit', '50', '--freshness=1h'],
  ],
  ['gcloud', ['run', 'services', 'describe', 'web', '--region', 'us-central1']],
  ['gcloud', ['secrets', 'list']],
  ['gcloud', ['compute', 'instances', 'get-serial-port-output', 'vm-1', '--zone', 'europe-west1-b']],
  ['gcloud', ['builds', 'log', '0f1e2d3c']],
  ['aws', ['logs', 'start-query', '--log-group-name', 'g', '--query-string', 'fields @message | limit 20']],
  ['gcloud', ['container', 'images', 'list-tags', 'gcr.io/p/web']],
  ['aws', ['ec2', 'describe-instances', '--region', 'eu-west-1', '--output', 'json']],
  ['aws', ['logs', 'filter-log-events', '--log-group-name', '/ecs/web', '--filter-pattern', 'ERROR']],
  ['aws', ['logs', 'get-log-events', '--log-group-name', 'g', '--log-stream-name', 's']],
  ['aws', ['ecs', 'describe-services', '--cluster', 'prod', '--services', 'web']],
  [
    'aws',
    ['cloudwatch', 'get-metric-statistics', '--namespace', 'AWS/EC2', '--metric-name', 'CPUUtilization'],
  ],
  ['aws', ['ssm', 'get-parameter', '--name', '/prod/feature-flag']],
  ['aws', ['sts', 'get-caller-identity']],
  ['aws', ['s3', 'ls', 's3://logs-bucket/']],
  ['aws', ['sqs', 'get-queue-attributes', '--queue-url', 'https://sqs.eu-west-1.amazonaws.com/1/jobs']],
  ['az', ['aks', 'show', '-g', 'rg', '-n', 'prod']],
  ['az', ['vm', 'list', '-o', 'table']],
  ['az', ['monitor', 'activity-log', 'list', '--resource-group', 'rg', '--offset', '1h']],
  ['az', ['monitor', 'log-analytics', 'query', '-w', 'ws', '--analytics-query', 'AppExceptions | take 10']],
  ['az', ['keyvault', 'secret', 'list', '--vault-name', 'v']],
];

describe('createCommandPolicy', () => {
  const policy = createCommandPolicy();

  it.each(READS)('allows the read %s %j in every mode', (tool, args) => {
    for (const mode of ['investigation', 'ask', 'agent'] as const) {
      const d = policy.check(tool, args, { mode });
      expect(d, `${mode}: ${d.reason}`).toMatchObject({ decision: 'allow' });
    }
  });

  it('explains why a write is refused outside agent mode and asks in agent mode', () => {
    const args = ['rollout', 'restart', 'deploy/web', '-n', 'shop'];
    const ask = policy.check('kubectl', args, { mode: 'ask' });
    expect(ask.decision).toBe('deny');
    expect(ask.reason).toMatch(/rollout restart changes the workload; writes are refused in ask mode/);
    const agent = policy.check('kubectl', args, { mode: 'agent' });
    expect(agent).toEqual({
      decision: 'ask',
      reason:
        'kubectl rollout restart changes the workload; it runs only after a person approves this exact command',
    });
  });

  it('names the offending character for look-alikes', () => {
    expect(policy.check('kubectl', ['g\u0435t', 'pods'], { mode: 'agent' }).reason).toContain('U+0435');
  });

  it('applies tenant rules: deny wins, ask makes a write, allow vouches for a read', () => {
    const p = createCommandPolicy({
      rules: [{ tool: 'kubectl', command: ['top'], decision: 'deny', reason: 'metrics-server is down here' }],
      tenantRules: {
        acme: [
          { tool: 'kubectl', command: ['get', 'nodes'], decision: 'deny' },
          { tool: 'kubectl', command: ['wait'], decision: 'allow' },
          { tool: 'aws', command: ['ec2', 'describe-instances'], decision: 'ask' },
        ],
      },
    });
    expect(p.check('kubectl', ['top', 'pods'], { mode: 'ask', tenantId: 'other' })).toEqual({
      decision: 'deny',
      reason: 'metrics-server is down here',
    });
    expect(p.check('kubectl', ['get', 'nodes'], { mode: 'ask', tenantId: 'acme' }).decision).toBe('deny');
    expect(p.check('kubectl', ['get', 'nodes'], { mode: 'ask', tenantId: 'other' }).decision).toBe('allow');
    expect(
      p.check('kubectl', ['wait', '--for=condition=Ready', 'pod/web-1'], { mode: 'ask', tenantId: 'acme' })
        .decision,
    ).toBe('allow');
    expect(p.check('aws', ['ec2', 'describe-instances'], { mode: 'agent', tenantId: 'acme' }).decision).toBe(
      'ask',
    );
    expect(
      p.check('aws', ['ec2', 'describe-instances'], { mode: 'investigation', tenantId: 'acme' }).decision,
    ).toBe('deny');
  });

  it('never lets a tenant allow rule relax an invariant', () => {
    const p = createCommandPolicy({
      rules: [
        { tool: 'kubectl', command: ['get'], decision: 'allow' },
        { tool: 'kubectl', command: ['exec'], decision: 'ask' },
      ],
    });
    expect(p.check('kubectl', ['get', 'secret', 'db', '-o', 'yaml'], { mode: 'agent' }).decision).toBe(
      'deny',
    );
    expect(p.check('kubectl', ['get', 'pods', '--token=x'], { mode: 'agent' }).decision).toBe('deny');
    expect(p.check('kubectl', ['get', 'pods;id'], { mode: 'agent' }).decision).toBe('deny');
    // exec is refused by default but is not an invariant: a tenant may make it approvable.
    expect(p.check('kubectl', ['exec', 'web-1', '--', 'ls'], { mode: 'agent' }).decision).toBe('deny');
    expect(p.check('kubectl', ['exec', 'web-1', 'ls'], { mode: 'agent' }).decision).toBe('ask');
  });

  it('rejects malformed options', () => {
    expect(() =>
      createCommandPolicy({ rules: [{ tool: 'kubectl', command: [], decision: 'allow' }] }),
    ).toThrow(AuroraError);
  });
});
