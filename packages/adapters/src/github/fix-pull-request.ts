/** A cited command, as listed in a fix pull request's evidence section. */
export interface FixPullRequestCitation {
  /** "1", "2", … as cited in the root cause (`[1]`). */
  key: string;
  toolName: string;
  command: string;
}

/** Input of {@link renderFixPullRequest}. */
export interface FixPullRequestInput {
  incidentId: string;
  incidentTitle: string;
  rootCause?: string | null;
  /** What the fix changes and why. */
  fixDescription?: string | null;
  /** Paths the fix commits, listed under "Files". */
  filePaths?: string[];
  citations?: FixPullRequestCitation[];
  /** Link back to the incident. Wins over {@link FixPullRequestInput.incidentUrlTemplate}. */
  incidentUrl?: string | null;
  /**
   * Link template with `{incidentId}` (URL-encoded when substituted), e.g.
   * `https://ops.example.com/aurora/incidents/{incidentId}`.
   */
  incidentUrlTemplate?: string | null;
}

/** Title and markdown body of a pull request. */
export interface PullRequestText {
  title: string;
  body: string;
}

/** GitHub limits: title 256 characters, body 65 536 characters. */
const MAX_TITLE = 256;
const MAX_BODY = 60_000;
const MAX_COMMAND = 300;

/**
 * Free text from alerts and models must not ping people: `@name` becomes `@\u200Bname`
 * (a zero-width space), which GitHub renders the same but does not treat as a mention.
 */
function noMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200B');
}

/** An inline code span that survives backticks inside `text`. */
function code(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  const clipped = oneLine.length > MAX_COMMAND ? `${oneLine.slice(0, MAX_COMMAND)}…` : oneLine;
  const longestRun = Math.max(0, ...[...clipped.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clipped.startsWith('`') || clipped.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clipped}${pad}${fence}`;
}

/** The incident link: explicit url, else the template, else none. */
export function incidentLink(
  input: Pick<FixPullRequestInput, 'incidentId' | 'incidentUrl' | 'incidentUrlTemplate'>,
) {
  if (input.incidentUrl) return input.incidentUrl;
  if (input.incidentUrlTemplate) {
    return input.incidentUrlTemplate.split('{incidentId}').join(encodeURIComponent(input.incidentId));
  }
  return null;
}

/**
 * Renders the title and markdown body of a fix pull request: the incident title, a link back
 * to the incident, the root cause, the fix, the files, and every cited command. Mentions in
 * free text are neutralised, commands are code spans, and both parts fit GitHub's limits.
 *
 * @example
 * ```ts
 * const { title, body } = renderFixPullRequest({
 *   incidentId: incident.id, incidentTitle: incident.title, rootCause: incident.rootCause,
 *   fixDescription: fix.rationale, filePaths: ['k8s/web.yaml'], citations,
 *   incidentUrlTemplate: 'https://ops.example.com/incidents/{incidentId}',
 * });
 * ```
 */
export function renderFixPullRequest(input: FixPullRequestInput): PullRequestText {
  const incidentTitle = noMentions(input.incidentTitle.replace(/\s+/g, ' ').trim());
  const rawTitle = `Aurora fix: ${incidentTitle}`;
  const title = rawTitle.length > MAX_TITLE ? `${rawTitle.slice(0, MAX_TITLE - 1)}…` : rawTitle;
  const link = incidentLink(input);

  const lines: string[] = [
    `Aurora proposes this change for incident **${incidentTitle}** (\`${input.incidentId}\`).`,
  ];
  if (link) lines.push('', `[Open the incident in Aurora](${link})`);
  lines.push(
    '',
    '## Root cause',
    '',
    input.rootCause?.trim() ? noMentions(input.rootCause.trim()) : '_Not determined._',
  );
  lines.push(
    '',
    '## Fix',
    '',
    input.fixDescription?.trim() ? noMentions(input.fixDescription.trim()) : '_No description given._',
  );
  if (input.filePaths?.length) {
    lines.push('', '## Files', '', ...input.filePaths.map((p) => `- ${code(p)}`));
  }
  const citations = input.citations ?? [];
  if (citations.length) {
    lines.push('', '## Evidence', '');
    let used = lines.join('\n').length;
    for (const [i, c] of citations.entries()) {
      const line = `- [${c.key}] ${code(c.toolName)}: ${code(c.command)}`;
      if (used + line.length > MAX_BODY) {
        lines.push(`- …and ${citations.length - i} more (see the incident)`);
        break;
      }
      lines.push(line);
      used += line.length + 1;
    }
  }
  lines.push(
    '',
    '---',
    '<sub>Opened by Aurora from an automated investigation. Review the change before merging.</sub>',
  );
  return { title, body: lines.join('\n') };
}
