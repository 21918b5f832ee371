import { type Incident, type IncidentPatch, Suggestion } from '../model/index.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { Storage } from '../spec/storage.js';
import type { Tool } from '../spec/tool.js';
import { type Clock, isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';
import { enforceCitations } from './citation-check.js';
import type { InvestigationResult, SuggestionProposal } from './result.js';

/** What {@link applyResult} needs. */
export interface FinishDeps {
  storage: Storage;
  publisher: EventPublisher;
  clock: Clock;
  ids: IdGenerator;
  tools: Tool[];
}

/**
 * Keep only citations of `ok` citations in every text of a result. Returns the cleaned
 * result and the keys that were removed.
 */
export function cleanResult(
  result: InvestigationResult,
  okKeys: ReadonlySet<string>,
): { result: InvestigationResult; removed: string[] } {
  const removed = new Set<string>();
  const clean = (text: string) => {
    const r = enforceCitations(text, okKeys);
    for (const k of r.removed) removed.add(k);
    return r.text;
  };
  return {
    result: {
      ...result,
      summary: clean(result.summary),
      rootCause: clean(result.rootCause),
      ruledOut: result.ruledOut.map(clean),
      notChecked: result.notChecked.map(clean),
      suggestions: result.suggestions.map((s) => ({ ...s, rationale: clean(s.rationale) })),
    },
    removed: [...removed],
  };
}

function toSuggestion(
  p: SuggestionProposal,
  incident: Incident,
  id: string,
  now: string,
  tools: Tool[],
): Suggestion {
  const base = {
    id,
    tenantId: incident.tenantId,
    incidentId: incident.id,
    title: p.title,
    rationale: p.rationale,
    createdAt: now,
    updatedAt: now,
  };
  if (p.type === 'fix') {
    return Suggestion.parse({
      ...base,
      type: 'fix',
      repository: p.repository,
      filePath: p.filePath,
      originalContent: p.originalContent,
      suggestedContent: p.suggestedContent,
    });
  }
  // The model's risk is a claim; a command the policy would not allow read-only is at least medium.
  let risk = p.risk;
  const tool = tools.find((t) => t.name === p.tool);
  if (tool?.classify && risk === 'low') {
    try {
      const parsed = tool.input.safeParse({ args: p.args });
      if (
        parsed.success &&
        tool.classify(parsed.data, { tenantId: incident.tenantId, mode: 'ask' }).decision !== 'allow'
      )
        risk = 'medium';
    } catch {
      // classification is advisory here
    }
  }
  return Suggestion.parse({
    ...base,
    type: 'diagnostic',
    command: p.command,
    tool: p.tool,
    args: p.args,
    risk,
  });
}

/**
 * Store a valid result: citation check (only `ok` keys survive; removals are noted as a system
 * thought), findings on the incident (`analyzed` if it is still investigating, `complete`),
 * one suggestion record + event per proposal (skipping titles already stored on a resumed run).
 */
export async function applyResult(
  deps: FinishDeps,
  incident: Incident,
  raw: InvestigationResult,
): Promise<Incident> {
  const { storage, publisher, clock, ids } = deps;
  const { tenantId, id: incidentId } = incident;
  const citations = await storage.citations.list(tenantId, incidentId);
  const okKeys = new Set(citations.filter((c) => c.status === 'ok').map((c) => c.key));
  const { result, removed } = cleanResult(raw, okKeys);
  const now = isoNow(clock);
  if (removed.length > 0) {
    const thoughts = await storage.thoughts.append(
      tenantId,
      incidentId,
      [
        {
          content: `Removed citation${removed.length > 1 ? 's' : ''} ${removed.map((k) => `[${k}]`).join(', ')} from the result: only commands that ran successfully can be cited.`,
          createdAt: now,
          kind: 'system',
        },
      ],
      () => ids.next('th'),
    );
    await publisher.publish({ type: 'thought', tenantId, incidentId, at: now, thoughts });
  }

  const existing = await storage.suggestions.listByIncident(tenantId, incidentId);
  for (const proposal of result.suggestions) {
    if (existing.some((s) => s.type === proposal.type && s.title === proposal.title)) continue;
    const suggestion = await storage.suggestions.create(
      toSuggestion(proposal, incident, ids.next('sug'), now, deps.tools),
    );
    await publisher.publish({ type: 'suggestion', tenantId, incidentId, at: now, suggestion });
  }

  const current = (await storage.incidents.get(tenantId, incidentId)) ?? incident;
  const changes: IncidentPatch = {
    summary: result.summary,
    rootCause: result.rootCause,
    confidence: result.confidence,
    ruledOut: result.ruledOut,
    notChecked: result.notChecked,
    analyzedAt: now,
    auroraStatus: 'complete',
    auroraStatusReason: null,
    // A person may have resolved or merged it meanwhile: findings are kept, status is not moved back.
    ...(current.status === 'investigating' ? { status: 'analyzed' as const } : {}),
  };
  const updated = await storage.incidents.update(tenantId, incidentId, changes);
  await publisher.publish({
    type: 'incident.updated',
    tenantId,
    incidentId,
    at: now,
    incident: updated,
    changes: Object.keys(changes),
  });
  return updated;
}
