import { z } from 'zod';
import { Timestamp } from './common.js';

/** A piece of the investigation's reasoning, in order (`seq` is monotonic per incident). */
export const Thought = z.object({
  id: z.string(),
  tenantId: z.string(),
  incidentId: z.string(),
  seq: z.number().int().positive(),
  content: z.string(),
  /** `investigation` for the RCA agent, `system` for engine notes (cancelled, merged, …). */
  kind: z.enum(['investigation', 'system']).default('investigation'),
  /** Idempotency key: appending the same key twice stores one thought (crash-resume). */
  clientKey: z.string().nullable().default(null),
  createdAt: Timestamp,
});
export type Thought = z.infer<typeof Thought>;

/** What a writer appends; storage assigns `id` and `seq`. */
export type ThoughtDraft = Pick<Thought, 'content' | 'createdAt'> & Partial<Pick<Thought, 'kind' | 'clientKey'>>;
