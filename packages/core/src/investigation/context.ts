import type { Incident, StoredAlert } from '../model/index.js';
import type { Storage } from '../spec/storage.js';

/** Everything an investigation starts from, read from storage. */
export interface InvestigationContext {
  incident: Incident;
  /** Alerts of the incident (kind `alert`), oldest first. */
  alerts: StoredAlert[];
  /** Deploy/build events attached to the incident or recent on its services. */
  changes: StoredAlert[];
  /** Incidents merged into this one, with their findings. */
  merged: Incident[];
}

/** How far before the incident a deploy on one of its services counts as a linked change. */
export const CHANGE_LOOKBACK_MS = 2 * 60 * 60 * 1000;

/** Read the incident, its alerts, linked changes and merged incidents. */
export async function loadContext(
  storage: Storage,
  tenantId: string,
  incident: Incident,
): Promise<InvestigationContext> {
  const [attached, merged] = await Promise.all([
    storage.alerts.listByIncident(tenantId, incident.id),
    storage.incidents.listMergedInto(tenantId, incident.id),
  ]);
  const alerts = attached.filter((a) => a.kind !== 'change');
  const changes = attached.filter((a) => a.kind === 'change');
  if (incident.affectedServices.length > 0) {
    const since = new Date(new Date(incident.startedAt).getTime() - CHANGE_LOOKBACK_MS).toISOString();
    const recent = await storage.alerts.listRecent(tenantId, {
      since,
      kind: 'change',
      services: incident.affectedServices,
      limit: 20,
    });
    for (const c of recent) if (!changes.some((x) => x.id === c.id)) changes.push(c);
  }
  changes.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { incident, alerts, changes, merged };
}

/**
 * A copy of a raw payload with every string longer than `maxChars` cut, arrays capped at
 * 20 items and nesting at 8 levels, each cut marked so the model knows to call
 * `read_alert_field`.
 */
export function truncateFields(value: unknown, maxChars: number, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > maxChars
      ? `${value.slice(0, maxChars)}…[${value.length - maxChars} more chars]`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 8) return '[nested too deep: use read_alert_field]';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => truncateFields(v, maxChars, depth + 1));
    if (value.length > 20) items.push(`[${value.length - 20} more items]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = truncateFields(v, maxChars, depth + 1);
  return out;
}

/** The compact, model-facing view of an alert. */
export function alertView(alert: StoredAlert, maxFieldChars: number): Record<string, unknown> {
  return {
    id: alert.id,
    kind: alert.kind,
    source: alert.source,
    title: alert.title,
    description: truncateFields(alert.description, maxFieldChars),
    severity: alert.severity,
    status: alert.status,
    service: alert.service,
    environment: alert.environment,
    startedAt: alert.startedAt,
    endedAt: alert.endedAt,
    labels: alert.labels,
    url: alert.url,
    raw: truncateFields(alert.raw, maxFieldChars),
  };
}

function incidentView(incident: Incident): Record<string, unknown> {
  return {
    id: incident.id,
    title: incident.title,
    description: incident.description,
    severity: incident.severity,
    affectedServices: incident.affectedServices,
    environment: incident.environment,
    startedAt: incident.startedAt,
    lastAlertAt: incident.lastAlertAt,
  };
}

/** Marker of the JSON block carrying the structured context (the rule-based analyst reads it). */
export const CONTEXT_BLOCK = 'aurora-context';

/** The JSON payload of a context block. */
export interface ContextBlock {
  incident?: Record<string, unknown>;
  alerts?: Record<string, unknown>[];
  changes?: Record<string, unknown>[];
  merged?: { id: string; title: string; summary: string | null; rootCause: string | null }[];
}

/** Render a context block as a fenced JSON block. */
export function renderBlock(block: ContextBlock): string {
  return `\`\`\`json ${CONTEXT_BLOCK}\n${JSON.stringify(block, null, 1)}\n\`\`\``;
}

/** The first user message: the incident, alerts, linked changes and merged findings. */
export function renderContext(ctx: InvestigationContext, maxFieldChars: number): string {
  const block: ContextBlock = {
    incident: incidentView(ctx.incident),
    alerts: ctx.alerts.map((a) => alertView(a, maxFieldChars)),
    changes: ctx.changes.map((a) => alertView(a, maxFieldChars)),
    merged: ctx.merged.map((m) => ({ id: m.id, title: m.title, summary: m.summary, rootCause: m.rootCause })),
  };
  const lines = [
    `Investigate incident "${ctx.incident.title}" (${ctx.incident.severity}).`,
    `It has ${ctx.alerts.length} alert(s) and ${ctx.changes.length} linked change(s) (deploys/builds).`,
  ];
  if (ctx.merged.length > 0) {
    lines.push(
      `${ctx.merged.length} incident(s) were merged into this one; their findings are under "merged".`,
    );
  }
  lines.push(
    'Long payload fields are cut; call read_alert_field with the alert id and a field path to read one in full.',
    renderBlock(block),
  );
  return lines.join('\n');
}

/** A user message announcing alerts or merged incidents that arrived mid-run. */
export function renderUpdate(alerts: StoredAlert[], merged: Incident[], maxFieldChars: number): string {
  const parts: string[] = [];
  if (alerts.length > 0)
    parts.push(`${alerts.length} new alert(s) were correlated to this incident while you worked.`);
  if (merged.length > 0) parts.push(`${merged.length} incident(s) were merged into this one.`);
  const block: ContextBlock = {
    alerts: alerts.filter((a) => a.kind !== 'change').map((a) => alertView(a, maxFieldChars)),
    changes: alerts.filter((a) => a.kind === 'change').map((a) => alertView(a, maxFieldChars)),
    merged: merged.map((m) => ({ id: m.id, title: m.title, summary: m.summary, rootCause: m.rootCause })),
  };
  return `${parts.join(' ')} Take them into account.\n${renderBlock(block)}`;
}

/** Parse every context block in a message text. */
export function parseBlocks(text: string): ContextBlock[] {
  const out: ContextBlock[] = [];
  const re = new RegExp(`\`\`\`json ${CONTEXT_BLOCK}\\n([\\s\\S]*?)\\n\`\`\``, 'g');
  for (const m of text.matchAll(re)) {
    try {
      out.push(JSON.parse(m[1] ?? '') as ContextBlock);
    } catch {
      // A block the model (or a person) mangled is ignored.
    }
  }
  return out;
}
