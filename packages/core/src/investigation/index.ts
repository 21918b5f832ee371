/**
 * The RCA investigation: a LangGraph workflow over any tool-calling chat model (or the
 * rule-based analyst), streamed thoughts, citations, structured results, postmortems.
 */
export { alertFieldTool, READ_ALERT_FIELD_TOOL } from './alert-field-tool.js';
export { DEFAULT_BUDGETS, InvestigationBudgets, resolveBudgets } from './budgets.js';
export { type CitationCheck, enforceCitations } from './citation-check.js';
export { type InvestigationContext, loadContext, renderContext, truncateFields } from './context.js';
export { applyResult, cleanResult } from './finish.js';
export { buildInvestigationGraph, type GraphRunDeps, InvestigationState } from './graph.js';
export {
  createInvestigator,
  INTERRUPTED_NOTE,
  type Investigator,
  type InvestigatorDeps,
} from './investigator.js';
export {
  buildTimeline,
  generatePostmortem,
  type PostmortemDeps,
  renderPostmortemMarkdown,
  rulesSections,
} from './postmortem.js';
export { SYSTEM_PROMPT } from './prompts.js';
export {
  DiagnosticProposal,
  FixProposal,
  InvestigationResult,
  SUBMIT_RESULT_TOOL,
  SuggestionProposal,
} from './result.js';
export { RuleBasedAnalyst, ruleBasedAnalyst } from './rule-based-analyst.js';
export { type ReplayScenarioOptions, replayScenario, type ScenarioOutcome } from './scenario-replay.js';
export {
  createThoughtWriter,
  lastSentenceBoundary,
  type ThoughtWriter,
  type ThoughtWriterOptions,
  type Timers,
} from './thought-writer.js';
export { trimContext } from './trim.js';
