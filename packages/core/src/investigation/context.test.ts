import { describe, expect, it } from 'vitest';
import { makeAlert, makeIncident } from '../testing/conformance/builders.js';
import { alertFieldTool } from './alert-field-tool.js';
import { resolveBudgets } from './budgets.js';
import { truncateFields } from './context.js';
import { setup, TENANT } from './test-harness.js';

describe('investigation context', () => {
  it('cuts long fields, long arrays and deep nesting with markers', () => {
    const out = truncateFields(
      { a: 'x'.repeat(30), list: Array.from({ length: 25 }, (_, i) => i), n: 1 },
      10,
    ) as Record<string, unknown>;
    expect(out.a).toBe(`${'x'.repeat(10)}…[20 more chars]`);
    expect(out.list).toHaveLength(21);
    expect((out.list as unknown[])[20]).toBe('[5 more items]');
    expect(out.n).toBe(1);
  });

  it('read_alert_field reads only alerts of the incident or of incidents merged into it', async () => {
    const h = await setup({ raw: { alerts: [{ annotations: { description: 'full text' } }] } });
    const [own] = await h.storage.alerts.listByIncident(TENANT, h.incident.id);
    const other = await h.storage.incidents.create(makeIncident({ tenantId: TENANT }));
    const foreign = await h.storage.alerts.insert(
      makeAlert({ tenantId: TENANT, incidentId: other.id, raw: { secret: 'no' } }),
    );
    const merged = await h.storage.incidents.create(
      makeIncident({ tenantId: TENANT, status: 'merged', mergedIntoId: h.incident.id }),
    );
    const carried = await h.storage.alerts.insert(
      makeAlert({ tenantId: TENANT, incidentId: merged.id, raw: { note: 'carried' } }),
    );
    const tool = alertFieldTool(h.storage);
    const ctx = {
      tenantId: TENANT,
      incidentId: h.incident.id,
      mode: 'investigation' as const,
      signal: new AbortController().signal,
      timeoutMs: 1000,
    };
    expect(
      await tool.run({ alertId: own!.id, path: 'alerts[0].annotations.description' }, ctx),
    ).toMatchObject({ status: 'ok', output: 'full text' });
    expect(await tool.run({ alertId: own!.id, path: 'alerts.0.missing' }, ctx)).toMatchObject({
      status: 'empty',
    });
    expect(await tool.run({ alertId: foreign.id, path: 'secret' }, ctx)).toMatchObject({
      status: 'error',
      output: '',
    });
    expect(await tool.run({ alertId: carried.id, path: 'note' }, ctx)).toMatchObject({
      status: 'ok',
      output: 'carried',
    });
  });

  it('rejects unknown budget keys with INVALID_INPUT', () => {
    expect(() => resolveBudgets({ maxStep: 3 } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(resolveBudgets({ maxSteps: 3 }).maxToolOutputChars).toBe(8000);
  });
});
