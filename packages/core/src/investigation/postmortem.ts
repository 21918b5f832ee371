import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { notFound } from '../errors.js';
import type {
  Citation,
  Incident,
  Postmortem,
  PostmortemSections,
  StoredAlert,
  Suggestion,
  Thought,
  TimelineEntry,
} from '../model/index.js';
import type { EventPublisher } from '../runtime/publisher.js';
import type { Storage } from '../spec/storage.js';
import { type Clock, isoNow } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';

/** What {@link generatePostmortem} needs. */
export interface PostmortemDeps {
  storage: Storage;
  publisher: EventPublisher;
  clock: Clock;
  ids: IdGenerator;
  /** Writes the prose sections; without one (or when it fails) they are built from the record. */
  model?: BaseChatModel;
}

interface Record_ {
  incident: Incident;
  alerts: StoredAlert[];
  thoughts: Thought[];
  citations: Citation[];
  suggestions: Suggestion[];
  merged: Incident[];
}

const MAX_TIMELINE_THOUGHTS = 15;

/** The timeline from the record: alerts, changes, resolutions, commands run, status changes. */
export function buildTimeline(r: Record_): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const a of r.alerts) {
    out.push({
      at: a.startedAt,
      kind: a.kind === 'change' ? 'change' : 'alert',
      text: `${a.kind === 'change' ? 'Change' : 'Alert'}: ${a.title} (${a.source}, ${a.severity})`,
    });
    if (a.endedAt) out.push({ at: a.endedAt, kind: 'resolved', text: `Resolved: ${a.title}` });
  }
  for (const t of r.thoughts
    .filter((t) => t.kind === 'system' || t.content.length > 0)
    .slice(0, MAX_TIMELINE_THOUGHTS)) {
    out.push({
      at: t.createdAt,
      kind: t.kind === 'system' ? 'note' : 'thought',
      text: t.content.length > 240 ? `${t.content.slice(0, 240)}…` : t.content,
    });
  }
  for (const c of r.citations)
    out.push({ at: c.executedAt, kind: 'citation', text: `[${c.key}] \`${c.command}\` → ${c.status}` });
  for (const m of r.merged)
    out.push({ at: m.updatedAt, kind: 'status', text: `Incident "${m.title}" merged into this one` });
  if (r.incident.analyzedAt)
    out.push({
      at: r.incident.analyzedAt,
      kind: 'status',
      text: `Investigation concluded (${r.incident.confidence ?? 'no confidence'})`,
    });
  if (r.incident.resolvedAt)
    out.push({ at: r.incident.resolvedAt, kind: 'status', text: 'Incident resolved' });
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

function minutes(from: string, to: string | null): string {
  if (!to) return 'still open';
  const m = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  return m < 120 ? `${m} min` : `${(m / 60).toFixed(1)} h`;
}

/** Every section from the record alone (no model). */
export function rulesSections(r: Record_): PostmortemSections {
  const i = r.incident;
  const changes = r.alerts.filter((a) => a.kind === 'change');
  const services = i.affectedServices.length > 0 ? i.affectedServices.join(', ') : 'unknown services';
  const fixes = r.suggestions.filter((s) => s.type === 'fix');
  const applied = fixes.filter((s) => s.prUrl);
  return {
    summary: i.summary ?? `${i.title}: ${i.alertCount} alert(s) on ${services}.`,
    timeline: buildTimeline(r),
    rootCause: i.rootCause
      ? `${i.rootCause}${i.confidence ? ` (confidence: ${i.confidence})` : ''}`
      : 'Not determined.',
    impact: `${i.severity} incident affecting ${services}${i.environment ? ` in ${i.environment}` : ''}; ${i.alertCount} alert(s); duration ${minutes(i.startedAt, i.resolvedAt)}.`,
    contributingFactors: [
      ...changes.map((c) => `Change shortly before or during the incident: ${c.title} at ${c.startedAt}`),
      ...r.merged.map(
        (m) => `Related incident merged in: ${m.title}${m.rootCause ? ` — ${m.rootCause}` : ''}`,
      ),
    ],
    resolution: i.resolvedAt
      ? `Resolved at ${i.resolvedAt}.${applied.length > 0 ? ` Fix pull request(s): ${applied.map((s) => s.prUrl).join(', ')}.` : ''}`
      : 'Not resolved yet.',
    actionItems: [
      ...(i.confidence === 'inconclusive' || !i.rootCause
        ? ['Determine the root cause: the investigation was inconclusive.']
        : []),
      ...fixes.filter((s) => !s.prUrl).map((s) => `Review the proposed fix: ${s.title}`),
      ...applied.map((s) => `Merge and verify ${s.prUrl}`),
      ...i.notChecked.slice(0, 5).map((n) => `Check what the investigation could not: ${n}`),
    ],
    lessons: [
      ...(changes.length > 0
        ? [
            'A change preceded the alerts: deploy checks (canary, probes, image verification) could catch this earlier.',
          ]
        : []),
      ...(i.confidence === 'confirmed'
        ? ['The diagnostics recorded here identified the cause directly; keep them in the runbook.']
        : []),
    ],
  };
}

/** Render sections as markdown. */
export function renderPostmortemMarkdown(incident: Incident, s: PostmortemSections): string {
  const list = (items: string[]) =>
    items.length > 0 ? items.map((x) => `- ${x}`).join('\n') : '- None recorded.';
  return [
    `# Postmortem: ${incident.title}`,
    `## Summary\n\n${s.summary}`,
    `## Impact\n\n${s.impact}`,
    `## Timeline\n\n${s.timeline.length > 0 ? s.timeline.map((e) => `- **${e.at}** (${e.kind}) ${e.text}`).join('\n') : '- No events recorded.'}`,
    `## Root cause\n\n${s.rootCause}`,
    `## Contributing factors\n\n${list(s.contributingFactors)}`,
    `## Resolution\n\n${s.resolution}`,
    `## Action items\n\n${list(s.actionItems)}`,
    `## Lessons\n\n${list(s.lessons)}`,
  ].join('\n\n');
}

const ModelSections = z.object({
  summary: z.string().min(1),
  impact: z.string().min(1),
  contributingFactors: z.array(z.string()).default([]),
  resolution: z.string().min(1),
  actionItems: z.array(z.string()).default([]),
  lessons: z.array(z.string()).default([]),
});

async function modelSections(
  model: BaseChatModel,
  r: Record_,
  base: PostmortemSections,
): Promise<PostmortemSections> {
  const structured = model.withStructuredOutput(ModelSections, { name: 'postmortem' });
  const record = {
    incident: {
      title: r.incident.title,
      severity: r.incident.severity,
      summary: r.incident.summary,
      rootCause: r.incident.rootCause,
      confidence: r.incident.confidence,
      affectedServices: r.incident.affectedServices,
      startedAt: r.incident.startedAt,
      resolvedAt: r.incident.resolvedAt,
    },
    timeline: base.timeline,
    suggestions: r.suggestions.map((s) => ({ type: s.type, title: s.title, status: s.status })),
  };
  const raw = await structured.invoke([
    new SystemMessage(
      'Write a blameless postmortem from this incident record. Use only facts from the record; cite commands as [n].',
    ),
    new HumanMessage(JSON.stringify(record)),
  ]);
  const parsed = ModelSections.parse(raw);
  return { ...base, ...parsed, timeline: base.timeline, rootCause: base.rootCause };
}

/**
 * Generate and store a new postmortem version for an incident (the engine calls this on every
 * path to `resolved`), and publish a `postmortem` event. The timeline and root cause always come
 * from the record; with a model the prose sections are written by it, falling back to rules.
 */
export async function generatePostmortem(
  deps: PostmortemDeps,
  tenantId: string,
  incidentId: string,
): Promise<Postmortem> {
  const { storage, publisher, clock, ids } = deps;
  const incident = await storage.incidents.get(tenantId, incidentId);
  if (!incident) throw notFound('Incident', incidentId);
  const [alerts, thoughts, citations, suggestions, merged] = await Promise.all([
    storage.alerts.listByIncident(tenantId, incidentId),
    storage.thoughts.list(tenantId, incidentId),
    storage.citations.list(tenantId, incidentId),
    storage.suggestions.listByIncident(tenantId, incidentId),
    storage.incidents.listMergedInto(tenantId, incidentId),
  ]);
  const record: Record_ = { incident, alerts, thoughts, citations, suggestions, merged };
  let sections = rulesSections(record);
  let generatedBy: Postmortem['generatedBy'] = 'rules';
  if (deps.model) {
    try {
      sections = await modelSections(deps.model, record, sections);
      generatedBy = 'model';
    } catch {
      // The rules version is always available; a failing model must not block a resolution.
    }
  }
  const postmortem = await storage.postmortems.save(
    tenantId,
    incidentId,
    {
      sections,
      markdown: renderPostmortemMarkdown(incident, sections),
      generatedBy,
      createdAt: isoNow(clock),
    },
    () => ids.next('pm'),
  );
  await publisher.publish({ type: 'postmortem', tenantId, incidentId, at: isoNow(clock), postmortem });
  return postmortem;
}
