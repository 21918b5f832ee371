import type { ApprovalGrant, Tool } from '../spec/tool.js';

/**
 * The argv an approval is recorded against: a command tool's `args`, or for any other tool
 * the single display string `describe(input)`.
 */
export function approvalArgs(tool: Pick<Tool, 'describe'>, input: unknown): string[] {
  const args = (input as { args?: unknown } | null)?.args;
  if (Array.isArray(args) && args.every((a) => typeof a === 'string')) return [...args];
  return [tool.describe(input)];
}

/** True when `grant` approves exactly this call: same tool, same argv element by element. */
export function approvalMatches(
  grant: ApprovalGrant | undefined,
  tool: Pick<Tool, 'name' | 'describe'>,
  input: unknown,
): boolean {
  if (!grant || grant.tool !== tool.name) return false;
  const args = approvalArgs(tool, input);
  return grant.args.length === args.length && grant.args.every((a, i) => a === args[i]);
}
