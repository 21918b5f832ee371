/**
 * Tools: the command policy, redaction, the tool executor, command-line tools over a
 * `CommandRunner`, the standard tool catalog and LangChain conversion. Browser-safe; the
 * local process runner is in `@aurora-rca/core/node`.
 */
export * from './approval.js';
export { argvProblem, MAX_ARG_LENGTH, MAX_ARGS } from './argv-guards.js';
export * from './catalog.js';
export type { CommandClassification } from './classification.js';
export * from './command-policy.js';
export { type CommandToolOptions, createCommandTool, toToolResult } from './command-tool.js';
export * from './display.js';
export * from './execute-tool.js';
export * from './langchain.js';
export * from './redaction.js';
export * from './truncate.js';
