import type {
  ChatMessage,
  ChatSession,
  Citation,
  DeadLetter,
  Incident,
  Postmortem,
  StoredAlert,
  Thought,
} from '@aurora-rca/core';
import { col, type TableCodec, tableCodec } from './codec.js';

/** Column declarations of every table, qualified with one schema. */
export interface Tables {
  schema: string;
  counters: string;
  events: string;
  incidents: TableCodec<Incident>;
  alerts: TableCodec<StoredAlert>;
  thoughts: TableCodec<Thought>;
  citations: TableCodec<Citation>;
  suggestions: string;
  chatSessions: TableCodec<ChatSession>;
  chatMessages: TableCodec<ChatMessage>;
  postmortems: TableCodec<Postmortem>;
  deadLetters: TableCodec<DeadLetter>;
}

/** Codecs for the tables in `schema` (already quoted). */
export function tables(schema: string): Tables {
  const q = (name: string) => `${schema}.${name}`;
  return {
    schema,
    counters: q('counters'),
    events: q('events'),
    suggestions: q('suggestions'),
    incidents: tableCodec<Incident>(q('incidents'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('title', 'text'),
      col('description', 'text'),
      col('severity', 'text'),
      col('status', 'text'),
      col('auroraStatus', 'text'),
      col('auroraStatusReason', 'text'),
      col('summary', 'text'),
      col('rootCause', 'text'),
      col('confidence', 'text'),
      col('ruledOut', 'textArray'),
      col('notChecked', 'textArray'),
      col('affectedServices', 'textArray'),
      col('environment', 'text'),
      col('alertCount', 'int'),
      col('openAlertCount', 'int'),
      col('mergedIntoId', 'text'),
      col('origin', 'text'),
      col('test', 'bool'),
      col('startedAt', 'ts'),
      col('lastAlertAt', 'ts'),
      col('analyzedAt', 'ts'),
      col('resolvedAt', 'ts'),
      col('createdAt', 'ts'),
      col('updatedAt', 'ts'),
      col('version', 'int'),
    ]),
    alerts: tableCodec<StoredAlert>(q('alerts'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('integrationId', 'text'),
      col('incidentId', 'text'),
      col('source', 'text'),
      col('sourceAlertId', 'text'),
      col('fingerprint', 'text'),
      col('title', 'text'),
      col('description', 'text'),
      col('severity', 'text'),
      col('status', 'text'),
      col('service', 'text'),
      col('environment', 'text'),
      col('labels', 'jsonb'),
      col('startedAt', 'ts'),
      col('endedAt', 'ts'),
      col('url', 'text'),
      col('kind', 'text'),
      col('test', 'bool'),
      col('raw', 'json', { optional: true }),
      col('correlation', 'jsonb'),
      col('active', 'bool'),
      col('receivedAt', 'ts'),
      col('updatedAt', 'ts'),
      col('occurrences', 'int'),
    ]),
    thoughts: tableCodec<Thought>(q('thoughts'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('incidentId', 'text'),
      col('seq', 'int'),
      col('content', 'text'),
      col('kind', 'text'),
      col('clientKey', 'text'),
      col('createdAt', 'ts'),
    ]),
    citations: tableCodec<Citation>(q('citations'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('incidentId', 'text'),
      col('key', 'text'),
      col('toolName', 'text'),
      col('command', 'text'),
      col('input', 'json', { optional: true }),
      col('output', 'text'),
      col('status', 'text'),
      col('reason', 'text'),
      col('executedAt', 'ts'),
      col('durationMs', 'float'),
      col('origin', 'text'),
      col('clientKey', 'text'),
    ]),
    chatSessions: tableCodec<ChatSession>(q('chat_sessions'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('incidentId', 'text'),
      col('mode', 'text'),
      col('status', 'text'),
      col('title', 'text'),
      col('createdBy', 'text'),
      col('createdAt', 'ts'),
      col('updatedAt', 'ts'),
    ]),
    chatMessages: tableCodec<ChatMessage>(q('chat_messages'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('sessionId', 'text'),
      col('seq', 'int'),
      col('role', 'text'),
      col('content', 'text'),
      col('status', 'text'),
      col('citationKeys', 'textArray'),
      col('approval', 'jsonb'),
      col('createdBy', 'text'),
      col('createdAt', 'ts'),
      col('updatedAt', 'ts'),
    ]),
    postmortems: tableCodec<Postmortem>(q('postmortems'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('incidentId', 'text'),
      col('version', 'int'),
      col('sections', 'jsonb'),
      col('markdown', 'text'),
      col('generatedBy', 'text'),
      col('createdAt', 'ts'),
    ]),
    deadLetters: tableCodec<DeadLetter>(q('dead_letters'), [
      col('tenantId', 'text'),
      col('id', 'text'),
      col('integrationId', 'text'),
      col('source', 'text'),
      col('reason', 'text'),
      col('body', 'text'),
      col('headers', 'jsonb'),
      col('receivedAt', 'ts'),
    ]),
  };
}
