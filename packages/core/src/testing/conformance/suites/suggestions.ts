import type { Suggestion } from '../../../model/index.js';
import { expectAuroraError, suiteOf } from '../assert.js';
import { makeDiagnosticSuggestion, makeFixSuggestion, makeIncident, minutesAfterBase } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck } from '../types.js';

const check = suiteOf('suggestions');

const sortedIds = (items: { id: string }[]) => items.map((i) => i.id).sort();

/** Diagnostic and fix suggestions: create, update, ifStatus, moves. */
export function suggestionChecks(): ConformanceCheck[] {
  return [
    check('create() stores diagnostic and fix suggestions; get() reads them back unchanged', async (ctx) => {
      const { storage, tenantId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const diagnostic = makeDiagnosticSuggestion({ tenantId, incidentId: incident.id, risk: 'medium' });
      const fix = makeFixSuggestion({ tenantId, incidentId: incident.id });
      expect(await storage.suggestions.create(diagnostic)).toEqual(diagnostic);
      expect(await storage.suggestions.create(fix)).toEqual(fix);
      expect(await storage.suggestions.get(tenantId, diagnostic.id)).toEqual(diagnostic);
      expect(await storage.suggestions.get(tenantId, fix.id)).toEqual(fix);
      expect(sortedIds(await storage.suggestions.listByIncident(tenantId, incident.id))).toEqual(
        [diagnostic.id, fix.id].sort(),
      );
    }),
    check(
      'update() patches a fix (edit, PR) and returns it; an unknown id fails with NOT_FOUND',
      async (ctx) => {
        const { storage, tenantId, newId } = ctx;
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const fix = await storage.suggestions.create(
          makeFixSuggestion({ tenantId, incidentId: incident.id }),
        );
        const patch = {
          userEditedContent: 'memory: 1Gi\n',
          status: 'applied',
          prUrl: 'https://github.com/acme/shop/pull/7',
          prNumber: 7,
          branch: 'aurora/fix-incident-1-1700000000',
          updatedAt: minutesAfterBase(20),
        } as Partial<Suggestion>;
        const updated = await storage.suggestions.update(tenantId, fix.id, patch);
        expect(updated).toEqual({ ...fix, ...patch });
        expect(await storage.suggestions.get(tenantId, fix.id)).toEqual(updated);
        await expectAuroraError(
          storage.suggestions.update(tenantId, newId('sug'), { title: 'x' }),
          'NOT_FOUND',
        );
      },
    ),
    check('update() never changes the type', async ({ storage, tenantId }) => {
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const diagnostic = await storage.suggestions.create(
        makeDiagnosticSuggestion({ tenantId, incidentId: incident.id }),
      );
      await storage.suggestions
        .update(tenantId, diagnostic.id, { type: 'fix', title: 'renamed' } as Partial<Suggestion>)
        .catch(() => undefined);
      expect((await storage.suggestions.get(tenantId, diagnostic.id))?.type).toBe('diagnostic');
    }),
    check('update() with ifStatus fails with CONFLICT unless the stored status is listed', async (ctx) => {
      const { storage, tenantId } = ctx;
      const incident = await storage.incidents.create(makeIncident({ tenantId }));
      const s = await storage.suggestions.create(
        makeDiagnosticSuggestion({ tenantId, incidentId: incident.id }),
      );
      const executed = await storage.suggestions.update(
        tenantId,
        s.id,
        { status: 'executed', resultCitationKey: '3' } as Partial<Suggestion>,
        { ifStatus: ['proposed'] },
      );
      expect(executed.status).toBe('executed');
      await expectAuroraError(
        storage.suggestions.update(tenantId, s.id, { status: 'failed' }, { ifStatus: ['proposed'] }),
        'CONFLICT',
      );
      const read = await storage.suggestions.get(tenantId, s.id);
      expect(read?.status).toBe('executed');
      expect(read?.type === 'diagnostic' && read.resultCitationKey).toBe('3');
    }),
    check('moveToIncident() moves every suggestion and returns the count', async ({ storage, tenantId }) => {
      const from = await storage.incidents.create(makeIncident({ tenantId }));
      const to = await storage.incidents.create(makeIncident({ tenantId }));
      const a = await storage.suggestions.create(makeDiagnosticSuggestion({ tenantId, incidentId: from.id }));
      const b = await storage.suggestions.create(makeFixSuggestion({ tenantId, incidentId: from.id }));
      const c = await storage.suggestions.create(makeDiagnosticSuggestion({ tenantId, incidentId: to.id }));
      expect(await storage.suggestions.moveToIncident(tenantId, from.id, to.id)).toBe(2);
      expect(await storage.suggestions.listByIncident(tenantId, from.id)).toEqual([]);
      expect(sortedIds(await storage.suggestions.listByIncident(tenantId, to.id))).toEqual(
        [a.id, b.id, c.id].sort(),
      );
      expect((await storage.suggestions.get(tenantId, b.id))?.incidentId).toBe(to.id);
    }),
    check(
      'records are copies: mutating inputs or results does not change storage',
      async ({ storage, tenantId }) => {
        const incident = await storage.incidents.create(makeIncident({ tenantId }));
        const fix = makeFixSuggestion({ tenantId, incidentId: incident.id });
        const created = await storage.suggestions.create(fix);
        fix.extraFiles.push({
          path: 'x',
          originalContent: '',
          suggestedContent: 'x',
          userEditedContent: null,
        });
        if (created.type === 'fix') created.extraFiles.length = 0;
        const read = await storage.suggestions.get(tenantId, fix.id);
        expect(read?.type === 'fix' && read.extraFiles.map((f) => f.path)).toEqual(['deploy/values.yaml']);
      },
    ),
  ];
}
