import { z } from 'zod';
import { Confidence, Risk } from '../model/index.js';

/** A read-only command the model proposes a person runs. Lenient: this is model output. */
export const DiagnosticProposal = z.object({
  type: z.literal('diagnostic'),
  title: z.string().min(1),
  /** Display form, e.g. `kubectl top pods -n shop`. */
  command: z.string().min(1),
  /** Tool name, e.g. `kubectl`. */
  tool: z.string().min(1),
  /** Argv without the program name. */
  args: z.array(z.string()).default([]),
  risk: Risk.catch('medium').default('low'),
  /** Why; may cite `[n]`. */
  rationale: z.string().default(''),
});
export type DiagnosticProposal = z.infer<typeof DiagnosticProposal>;

/** A code change the model proposes (opened as a pull request when a person applies it). */
export const FixProposal = z.object({
  type: z.literal('fix'),
  title: z.string().min(1),
  /** `owner/name`. */
  repository: z.string().min(1),
  filePath: z.string().min(1),
  originalContent: z.string().default(''),
  suggestedContent: z.string(),
  rationale: z.string().default(''),
});
export type FixProposal = z.infer<typeof FixProposal>;

export const SuggestionProposal = z.discriminatedUnion('type', [DiagnosticProposal, FixProposal]);
export type SuggestionProposal = z.infer<typeof SuggestionProposal>;

/**
 * The structured end result of an investigation, submitted by the model through the
 * `submit_result` tool. `inconclusive` is a valid, honest answer.
 */
export const InvestigationResult = z.object({
  /** What happened, for people; cites evidence as `[n]`. */
  summary: z.string().min(1),
  /** The cause, one or two sentences; cites `[n]`. */
  rootCause: z.string().min(1),
  confidence: Confidence,
  /** Hypotheses the evidence excludes. */
  ruledOut: z.array(z.string()).default([]),
  /** What could not be checked (missing tools, access). */
  notChecked: z.array(z.string()).default([]),
  suggestions: z.array(SuggestionProposal).default([]),
});
export type InvestigationResult = z.infer<typeof InvestigationResult>;

/** Name of the tool through which the model submits its {@link InvestigationResult}. */
export const SUBMIT_RESULT_TOOL = 'submit_result';
