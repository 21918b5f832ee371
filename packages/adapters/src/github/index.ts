/**
 * `@aurora-rca/adapters/github` — the GitHub `CodeHost` (v1) on Octokit, and the helpers
 * the engine uses to name fix branches and render fix pull requests.
 * @packageDocumentation
 */
export { branchNameProblem, fixBranchName } from './branch-name.js';
export { type GithubStep, toAuroraError as githubErrorToAuroraError } from './errors.js';
export {
  type FixPullRequestCitation,
  type FixPullRequestInput,
  incidentLink,
  type PullRequestText,
  renderFixPullRequest,
} from './fix-pull-request.js';
export { GithubCodeHostOptions, githubCodeHost } from './github-code-host.js';
