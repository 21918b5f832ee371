import { z } from 'zod';
import { Timestamp } from './common.js';

/** A webhook body that could not be parsed, kept whole so nothing is lost. */
export const DeadLetter = z.object({
  id: z.string(),
  tenantId: z.string(),
  integrationId: z.string().nullable(),
  source: z.string(),
  reason: z.string(),
  /** The raw request body, as text. */
  body: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  receivedAt: Timestamp,
});
export type DeadLetter = z.infer<typeof DeadLetter>;
