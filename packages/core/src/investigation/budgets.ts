import { z } from 'zod';
import { AuroraError } from '../errors.js';

/**
 * Limits of one investigation run. Options are strict: an unknown key is a mistake.
 * Character counts stand in for tokens (about 4 characters per token in English).
 */
export const InvestigationBudgets = z.strictObject({
  /** Model turns before the model is told to conclude. @default 12 */
  maxSteps: z.number().int().positive().default(12),
  /** Wall time of one run; past it the run stops and fails with the reason. @default 600_000 (10 min) */
  maxWallMs: z.number().int().positive().default(600_000),
  /** Characters of one tool output kept (the rest is cut with a marker). @default 8_000 */
  maxToolOutputChars: z.number().int().positive().default(8_000),
  /** Characters of conversation sent to the model; older tool outputs are trimmed first. @default 60_000 */
  maxContextChars: z.number().int().positive().default(60_000),
  /** Time limit of one tool call. @default 30_000 */
  toolTimeoutMs: z.number().int().positive().default(30_000),
  /** Extra attempts the model gets to produce a valid structured result. @default 2 */
  maxResultRetries: z.number().int().nonnegative().default(2),
  /** Characters kept of each string field of a raw alert payload in the context. @default 500 */
  maxAlertFieldChars: z.number().int().positive().default(500),
  /**
   * Complete sentences are stored as thoughts at most this often (the first one at once);
   * lower is livelier, higher writes less. @default 1000
   */
  thoughtIntervalMs: z.number().int().min(0).max(60_000).default(1000),
});
export type InvestigationBudgets = z.infer<typeof InvestigationBudgets>;

/** The defaults of {@link InvestigationBudgets}. */
export const DEFAULT_BUDGETS: InvestigationBudgets = InvestigationBudgets.parse({});

/** Fill in defaults. @throws AuroraError `INVALID_INPUT` on an unknown key or invalid value. */
export function resolveBudgets(budgets: Partial<InvestigationBudgets> | undefined): InvestigationBudgets {
  const parsed = InvestigationBudgets.safeParse(budgets ?? {});
  if (!parsed.success) {
    throw new AuroraError(
      'INVALID_INPUT',
      `Invalid investigation budgets: ${z.prettifyError(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
