import {
  ChatMessage,
  type ChatMessageDraft,
  ChatSession,
  Citation,
  type CitationDraft,
  DeadLetter,
  DiagnosticSuggestion,
  FixSuggestion,
  Incident,
  type IncidentEventDraft,
  type IncidentInput,
  type PostmortemDraft,
  StoredAlert,
  Thought,
  type ThoughtDraft,
} from '../../model/index.js';

/**
 * Record builders for storage tests: each returns a complete, schema-valid record with
 * fresh ids and sensible defaults, overridden field by field.
 *
 * @example
 * ```ts
 * const incident = await storage.incidents.create(makeIncident({ tenantId: 't1', severity: 'high' }));
 * ```
 */

let counter = 0;
const run = globalThis.crypto.randomUUID().slice(0, 8);

/**
 * A unique id, `prefix_` + a fixed-width lower-case hex tail, so ids built in order also
 * sort in order (byte-wise and under common SQL collations).
 */
export function uniqueId(prefix = 'id'): string {
  counter += 1;
  return `${prefix}_${run}${counter.toString(16).padStart(8, '0')}`;
}

/** The kit's reference instant. */
export const BASE_TIME = Date.parse('2026-03-01T12:00:00.000Z');

/** ISO timestamp `minutes` after {@link BASE_TIME} (negative for before). */
export function minutesAfterBase(minutes: number): string {
  return new Date(BASE_TIME + minutes * 60_000).toISOString();
}

const T = minutesAfterBase(0);

/** A new open (`investigating`, `queued`) incident. */
export function makeIncident(overrides: Partial<IncidentInput> = {}): Incident {
  return Incident.parse({
    id: uniqueId('inc'),
    tenantId: 'tenant-a',
    title: 'checkout latency above SLO',
    severity: 'high',
    status: 'investigating',
    auroraStatus: 'queued',
    affectedServices: ['checkout'],
    alertCount: 1,
    openAlertCount: 1,
    startedAt: T,
    lastAlertAt: T,
    createdAt: T,
    updatedAt: T,
    ...overrides,
  });
}

/** An active, firing, stored alert not yet attached to an incident. */
export function makeAlert(overrides: Partial<StoredAlert> = {}): StoredAlert {
  return StoredAlert.parse({
    id: uniqueId('alr'),
    tenantId: 'tenant-a',
    source: 'grafana',
    sourceAlertId: 'a1',
    fingerprint: uniqueId('fp'),
    title: 'HighLatency checkout',
    description: 'p99 above 2s',
    severity: 'high',
    status: 'firing',
    service: 'checkout',
    environment: 'production',
    labels: { alertname: 'HighLatency', namespace: 'shop' },
    startedAt: T,
    raw: { receiver: 'aurora', alerts: [{ labels: { alertname: 'HighLatency' } }] },
    receivedAt: T,
    updatedAt: T,
    ...overrides,
  });
}

/** A thought draft (storage assigns id and seq). */
export function makeThoughtDraft(overrides: Partial<ThoughtDraft> = {}): ThoughtDraft {
  return { content: 'Checking pod restarts in namespace shop.', createdAt: T, ...overrides };
}

/** A thought as stored, for storages that need one outright (events, fakes). */
export function makeThought(overrides: Partial<Thought> = {}): Thought {
  return Thought.parse({
    id: uniqueId('th'),
    tenantId: 'tenant-a',
    incidentId: uniqueId('inc'),
    seq: 1,
    content: 'Checking pod restarts.',
    createdAt: T,
    ...overrides,
  });
}

/** A citation draft (storage assigns id and key). */
export function makeCitationDraft(overrides: Partial<CitationDraft> = {}): CitationDraft {
  return {
    toolName: 'kubectl',
    command: 'kubectl get pods -n shop',
    input: { args: ['get', 'pods', '-n', 'shop'] },
    output: 'NAME READY STATUS RESTARTS\ncheckout-7d9 0/1 CrashLoopBackOff 12',
    status: 'ok',
    executedAt: T,
    durationMs: 420,
    ...overrides,
  };
}

/** A citation as stored. */
export function makeCitation(overrides: Partial<Citation> = {}): Citation {
  return Citation.parse({
    id: uniqueId('cit'),
    tenantId: 'tenant-a',
    incidentId: uniqueId('inc'),
    key: '1',
    ...makeCitationDraft(),
    ...overrides,
  });
}

/** A proposed read-only diagnostic command. */
export function makeDiagnosticSuggestion(
  overrides: Partial<DiagnosticSuggestion> = {},
): DiagnosticSuggestion {
  return DiagnosticSuggestion.parse({
    id: uniqueId('sug'),
    tenantId: 'tenant-a',
    incidentId: uniqueId('inc'),
    type: 'diagnostic',
    title: 'Inspect the crashing pod',
    rationale: 'Restarts climbed at 12:01 [1].',
    command: 'kubectl describe pod checkout-7d9 -n shop',
    tool: 'kubectl',
    args: ['describe', 'pod', 'checkout-7d9', '-n', 'shop'],
    createdAt: T,
    updatedAt: T,
    ...overrides,
  });
}

/** A proposed code fix. */
export function makeFixSuggestion(overrides: Partial<FixSuggestion> = {}): FixSuggestion {
  return FixSuggestion.parse({
    id: uniqueId('sug'),
    tenantId: 'tenant-a',
    incidentId: uniqueId('inc'),
    type: 'fix',
    title: 'Raise the memory limit',
    repository: 'acme/shop',
    filePath: 'deploy/checkout.yaml',
    originalContent: 'memory: 256Mi\n',
    suggestedContent: 'memory: 512Mi\n',
    extraFiles: [{ path: 'deploy/values.yaml', suggestedContent: 'limit: 512Mi\n' }],
    createdAt: T,
    updatedAt: T,
    ...overrides,
  });
}

/** An idle `ask` chat session. */
export function makeChatSession(overrides: Partial<ChatSession> = {}): ChatSession {
  return ChatSession.parse({
    id: uniqueId('chs'),
    tenantId: 'tenant-a',
    incidentId: uniqueId('inc'),
    mode: 'ask',
    status: 'idle',
    title: 'Why did checkout crash?',
    createdBy: 'user-1',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  });
}

/** A user chat message draft (storage assigns id and seq). */
export function makeChatMessageDraft(overrides: Partial<ChatMessageDraft> = {}): ChatMessageDraft {
  return {
    role: 'user',
    content: 'What changed before the crash?',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

/** A chat message as stored. */
export function makeChatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return ChatMessage.parse({
    id: uniqueId('msg'),
    tenantId: 'tenant-a',
    sessionId: uniqueId('chs'),
    seq: 1,
    ...makeChatMessageDraft(),
    ...overrides,
  });
}

/** A rule-generated postmortem draft. */
export function makePostmortemDraft(overrides: Partial<PostmortemDraft> = {}): PostmortemDraft {
  return {
    sections: {
      summary: 'Checkout pods ran out of memory after the 12:00 deploy.',
      timeline: [{ at: T, kind: 'alert', text: 'HighLatency fired' }],
      rootCause: 'Memory limit too low for the new cache.',
      impact: '12 minutes of failed checkouts.',
      contributingFactors: ['No load test'],
      resolution: 'Rolled back.',
      actionItems: ['Raise the limit'],
      lessons: ['Size caches against limits'],
    },
    markdown: '# Postmortem\n\nCheckout pods ran out of memory.',
    generatedBy: 'rules',
    createdAt: T,
    ...overrides,
  };
}

/** An `incident.created` event draft for `incident` (storage assigns the id). */
export function makeEventDraft(incident: Incident, overrides: { at?: string } = {}): IncidentEventDraft {
  return {
    type: 'incident.created',
    tenantId: incident.tenantId,
    incidentId: incident.id,
    at: overrides.at ?? T,
    incident,
  };
}

/** A dead-lettered webhook body. */
export function makeDeadLetter(overrides: Partial<DeadLetter> = {}): DeadLetter {
  return DeadLetter.parse({
    id: uniqueId('dlq'),
    tenantId: 'tenant-a',
    integrationId: 'int-1',
    source: 'grafana',
    reason: 'Expected an "alerts" array',
    body: '{"status":"firing"}',
    headers: { 'content-type': 'application/json' },
    receivedAt: T,
    ...overrides,
  });
}
