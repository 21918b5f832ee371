/** One file to write in a pull request. */
export interface CodeChangeFile {
  path: string;
  content: string;
}

export interface OpenPullRequestInput {
  /** `owner/name` */
  repository: string;
  /** Branch to create. */
  branch: string;
  /** Base branch; the repository's default branch when omitted. */
  baseBranch?: string;
  title: string;
  body: string;
  commitMessage: string;
  files: CodeChangeFile[];
}

export interface PullRequestRef {
  url: string;
  number: number;
  branch: string;
  baseBranch: string;
}

/**
 * Code host contract, version 1 (GitHub on Octokit in `@aurora-rca/adapters/github`).
 * Errors are `AuroraError`s: `NOT_FOUND` (repository), `FORBIDDEN` (permissions),
 * `CONFLICT` (branch exists), `UPSTREAM` (anything else).
 */
export interface CodeHostV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  openPullRequest(input: OpenPullRequestInput): Promise<PullRequestRef>;
}
export type CodeHost = CodeHostV1;
