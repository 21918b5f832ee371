import { suiteOf } from '../assert.js';
import { makeIncident, makePostmortemDraft, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('postmortems');

/** Postmortem versions 1, 2, … and the latest one. */
export function postmortemChecks(): ConformanceCheck[] {
  return [
    check(
      'save() stores version 1, 2, …; latest() returns the newest',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        expect(await storage.postmortems.latest(tenantId, incident.id)).toBeNull();
        const id = newId('pm');
        const draft = makePostmortemDraft();
        const v1 = await storage.postmortems.save(tenantId, incident.id, draft, () => id);
        expect(v1).toEqual({ ...draft, id, tenantId, incidentId: incident.id, version: 1 });
        const v2 = await storage.postmortems.save(
          tenantId,
          incident.id,
          makePostmortemDraft({
            markdown: '# Edited',
            generatedBy: 'person',
            createdAt: minutesAfterBase(60),
          }),
          () => newId('pm'),
        );
        expect(v2.version).toBe(2);
        expect(await storage.postmortems.latest(tenantId, incident.id)).toEqual(v2);
      },
    ),
    check('listVersions() returns every version, oldest first; versions are per incident', async (ctx) => {
      const { storage, tenantId, newId } = ctx;
      const a = await storage.incidents.create(makeIncident({ tenantId }));
      const b = await storage.incidents.create(makeIncident({ tenantId }));
      for (let i = 1; i <= 3; i++) {
        await storage.postmortems.save(tenantId, a.id, makePostmortemDraft({ markdown: `v${i}` }), () =>
          newId('pm'),
        );
      }
      const onB = await storage.postmortems.save(tenantId, b.id, makePostmortemDraft(), () => newId('pm'));
      expect(onB.version).toBe(1);
      const versions = await storage.postmortems.listVersions(tenantId, a.id);
      expect(versions.map((p) => [p.version, p.markdown])).toEqual([
        [1, 'v1'],
        [2, 'v2'],
        [3, 'v3'],
      ]);
      expect(await storage.postmortems.listVersions(tenantId, newId('inc'))).toEqual([]);
    }),
    check(
      'records are copies: mutating results does not change storage',
      async ({ storage, tenantId, newId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const draft = makePostmortemDraft();
        const saved = await storage.postmortems.save(tenantId, incident.id, draft, () => newId('pm'));
        saved.sections.actionItems.push('mutated');
        draft.sections.lessons.push('mutated');
        const latest = await storage.postmortems.latest(tenantId, incident.id);
        expect(latest?.sections).toEqual(makePostmortemDraft().sections);
      },
    ),
  ];
}
