import { z } from 'zod';
import { Timestamp } from './common.js';

export const Risk = z.enum(['low', 'medium', 'high']);
export type Risk = z.infer<typeof Risk>;

const base = {
  id: z.string(),
  tenantId: z.string(),
  incidentId: z.string(),
  title: z.string(),
  /** Why: may cite `[n]`. */
  rationale: z.string().default(''),
  status: z.enum(['proposed', 'executed', 'applied', 'failed']).default('proposed'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

/** A read-only command a person can copy or run. */
export const DiagnosticSuggestion = z.object({
  ...base,
  type: z.literal('diagnostic'),
  /** Display form, e.g. `kubectl get pods -n shop`. */
  command: z.string(),
  /** Tool name (`kubectl`) and argv without the program name, as run through the policy. */
  tool: z.string(),
  args: z.array(z.string()).default([]),
  risk: Risk.default('low'),
  /** Citation key of the last execution. */
  resultCitationKey: z.string().nullable().default(null),
});
export type DiagnosticSuggestion = z.infer<typeof DiagnosticSuggestion>;

export const FixFile = z.object({
  path: z.string(),
  originalContent: z.string().default(''),
  suggestedContent: z.string(),
  userEditedContent: z.string().nullable().default(null),
});
export type FixFile = z.infer<typeof FixFile>;

/** A code change, opened as a pull request by `apply`. */
export const FixSuggestion = z.object({
  ...base,
  type: z.literal('fix'),
  /** `owner/name`. */
  repository: z.string(),
  filePath: z.string(),
  originalContent: z.string().default(''),
  suggestedContent: z.string(),
  userEditedContent: z.string().nullable().default(null),
  /** Further files committed with the primary one. */
  extraFiles: z.array(FixFile).default([]),
  prUrl: z.string().nullable().default(null),
  prNumber: z.number().int().nullable().default(null),
  branch: z.string().nullable().default(null),
});
export type FixSuggestion = z.infer<typeof FixSuggestion>;

export const Suggestion = z.discriminatedUnion('type', [DiagnosticSuggestion, FixSuggestion]);
export type Suggestion = z.infer<typeof Suggestion>;
export type SuggestionInput = z.input<typeof Suggestion>;
