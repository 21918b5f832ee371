import type { ChatMessage, Citation, Incident, Thought } from '../model/index.js';

const STOP = new Set(
  'a an the is are was were be been of to in on for and or not with what why how when where which who did does do it its this that there their from at by as any all about can could should would will i we you me my our'.split(
    ' ',
  ),
);

/** Lower-cased content words of a text, for matching a question to the record. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9._/-]{1,}/g) ?? []).filter((t) => !STOP.has(t));
}

function score(questionTerms: Set<string>, text: string): number {
  let s = 0;
  for (const t of new Set(terms(text))) if (questionTerms.has(t)) s++;
  return s;
}

/** The incident's own record rendered as context for a chat model (or a person). */
export function incidentContext(
  incident: Incident,
  thoughts: Thought[],
  citations: Citation[],
  maxChars = 12_000,
): string {
  const lines = [
    `Incident ${incident.id}: ${incident.title}`,
    `Severity: ${incident.severity} · Status: ${incident.status} · Investigation: ${incident.auroraStatus}`,
    `Affected services: ${incident.affectedServices.join(', ') || 'unknown'}`,
    `Summary: ${incident.summary ?? '(none yet)'}`,
    `Root cause: ${incident.rootCause ?? '(not determined)'} (confidence: ${incident.confidence ?? 'n/a'})`,
  ];
  if (incident.ruledOut.length) lines.push(`Ruled out: ${incident.ruledOut.join('; ')}`);
  lines.push('', 'Investigation thoughts:');
  for (const t of thoughts.slice(-40)) lines.push(`- ${t.content}`);
  lines.push('', 'Citations (commands already run):');
  for (const c of citations)
    lines.push(`[${c.key}] ${c.command} (${c.status}): ${c.output.slice(0, 400).replace(/\s+/g, ' ')}`);
  const text = lines.join('\n');
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n…(context truncated)` : text;
}

/**
 * Answers a question from the incident's record alone — used when no model is configured.
 * It quotes the summary and root cause, the thoughts and citations that share words with
 * the question, and says plainly that open questions need a model.
 */
export function answerFromRecord(input: {
  question: string;
  incident: Incident;
  thoughts: Thought[];
  citations: Citation[];
  mode: 'ask' | 'agent';
}): { content: string; citationKeys: string[] } {
  const { incident } = input;
  const q = new Set(terms(input.question));
  const parts: string[] = [];
  if (incident.summary) parts.push(`**Summary:** ${incident.summary}`);
  if (incident.rootCause)
    parts.push(`**Root cause** (${incident.confidence ?? 'unrated'}): ${incident.rootCause}`);
  if (!incident.summary && !incident.rootCause) {
    parts.push(`The investigation has not concluded yet (status: ${incident.auroraStatus}).`);
  }
  const thoughts = input.thoughts
    .map((t) => ({ t, s: score(q, t.content) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.t.seq - b.t.seq)
    .slice(0, 3)
    .sort((a, b) => a.t.seq - b.t.seq);
  if (thoughts.length) {
    parts.push('**From the investigation:**');
    for (const { t } of thoughts) parts.push(`- ${t.content}`);
  }
  const citations = input.citations
    .map((c) => ({ c, s: score(q, `${c.toolName} ${c.command} ${c.output}`) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3);
  if (citations.length) {
    parts.push('**Relevant command output:**');
    for (const { c } of citations) {
      const excerpt = c.output.split('\n').slice(0, 6).join('\n');
      parts.push(`- [${c.key}] \`${c.command}\` (${c.status})\n\n\`\`\`\n${excerpt}\n\`\`\``);
    }
  }
  if (!thoughts.length && !citations.length) {
    parts.push('Nothing in the investigation record matches this question.');
  }
  parts.push(
    input.mode === 'agent'
      ? '_No language model is configured, so I can only answer from the record and cannot propose or run commands. Configure a model (OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_BASE_URL) for open questions and agent mode._'
      : '_No language model is configured, so this answer comes from the incident record only; open questions need a model (OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_BASE_URL)._',
  );
  return { content: parts.join('\n\n'), citationKeys: citations.map((x) => x.c.key) };
}

/** Citation keys in a text: `[n]` and grouped `[n, m]`. */
export function citedKeys(text: string): string[] {
  const keys = [...text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)].flatMap((m) =>
    (m[1] as string).split(',').map((k) => k.trim()),
  );
  return [...new Set(keys)];
}

/** Renders stored chat history for a model that did not see the tool-call ids. */
export function historyText(message: ChatMessage): string {
  if (message.approval) {
    const a = message.approval;
    return `${message.content}\n(Approval ${a.status}${a.decidedBy ? ` by ${a.decidedBy}` : ''}: ${a.command})`;
  }
  return message.content;
}
