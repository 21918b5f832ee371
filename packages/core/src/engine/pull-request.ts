import type { Citation, FixSuggestion, Incident } from '../model/index.js';
import type { CodeChangeFile } from '../spec/code-host.js';

// Internal to the engine (not re-exported): hosts calling a CodeHost themselves use
// `renderFixPullRequest`/`fixBranchName` from `@aurora-rca/adapters/github`.

/** Branch for a fix: `aurora/fix-incident-{incidentId}-{timestamp}` (timestamp in epoch ms). */
export function fixBranchName(incidentId: string, timestamp: number): string {
  const safe = incidentId.replace(/[^A-Za-z0-9._-]/g, '-');
  return `aurora/fix-incident-${safe}-${timestamp}`;
}

/** Every file a fix commits; a person's edit wins over the suggested content. */
export function fixFiles(fix: FixSuggestion): CodeChangeFile[] {
  return [
    { path: fix.filePath, content: fix.userEditedContent ?? fix.suggestedContent },
    ...fix.extraFiles.map((f) => ({ path: f.path, content: f.userEditedContent ?? f.suggestedContent })),
  ];
}

/** GitHub refuses longer titles and bodies. */
const MAX_TITLE = 250;
const MAX_BODY = 60_000;

/** Model- or alert-written text must not @-mention people or teams in a pull request. */
function noMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200B');
}

export interface PullRequestText {
  title: string;
  body: string;
}

/**
 * Title and markdown body of a fix pull request: incident title, root cause, the fix and
 * its rationale, the cited commands, and a link back to the incident.
 */
export function renderFixPullRequest(input: {
  incident: Incident;
  fix: FixSuggestion;
  citations: Citation[];
  incidentUrl: string | null;
}): PullRequestText {
  const { incident, fix } = input;
  const cited = new Set(
    [...`${fix.rationale} ${incident.rootCause ?? ''}`.matchAll(/\[(\d+)\]/g)].map((m) => m[1]),
  );
  const citations = input.citations.filter((c) => cited.has(c.key));
  const lines = [
    `Proposed by Aurora for incident **${incident.title}**${input.incidentUrl ? ` ([open incident](${input.incidentUrl}))` : ''}.`,
    '',
    '## Root cause',
    incident.rootCause ?? '_Not determined._',
    '',
    '## Fix',
    `**${fix.title}**`,
    '',
    fix.rationale || '_No rationale given._',
    '',
    '## Files',
    ...fixFiles(fix).map(
      (f) =>
        `- \`${f.path}\`${fix.userEditedContent !== null && f.path === fix.filePath ? ' (edited by a person)' : ''}`,
    ),
  ];
  if (citations.length) {
    lines.push('', '## Evidence');
    for (const c of citations) lines.push(`- [${c.key}] \`${c.toolName}\`: \`${c.command}\` (${c.status})`);
  }
  lines.push('', `<sub>Incident ${incident.id} · severity ${incident.severity}</sub>`);
  const body = noMentions(lines.join('\n'));
  return {
    title: noMentions(`fix: ${fix.title}`).slice(0, MAX_TITLE),
    body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 40)}\n\n…(truncated)` : body,
  };
}
