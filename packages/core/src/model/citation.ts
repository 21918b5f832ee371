import { z } from 'zod';
import { Timestamp } from './common.js';

export const CitationStatus = z.enum(['ok', 'error', 'empty']);
export type CitationStatus = z.infer<typeof CitationStatus>;

/**
 * One command the agent ran, cited as `[key]`. `key` is "1", "2", … per incident, assigned
 * by storage when the tool runs. `output` is already redacted and truncated with a marker.
 */
export const Citation = z.object({
  id: z.string(),
  tenantId: z.string(),
  incidentId: z.string(),
  key: z.string(),
  toolName: z.string(),
  command: z.string(),
  input: z.unknown().optional(),
  output: z.string(),
  status: CitationStatus,
  /** Policy decision or error reason, when not `ok`. */
  reason: z.string().nullable().default(null),
  executedAt: Timestamp,
  durationMs: z.number().nonnegative(),
  /** Where it came from: the investigation, a chat session, or a suggestion run by a person. */
  origin: z.enum(['investigation', 'chat', 'suggestion']).default('investigation'),
  /** Idempotency key (e.g. the model's tool-call id): one citation per key per incident. */
  clientKey: z.string().nullable().default(null),
});
export type Citation = z.infer<typeof Citation>;
export type CitationDraft = Omit<z.input<typeof Citation>, 'id' | 'key' | 'tenantId' | 'incidentId'>;
