import {
  AuroraError,
  type Clock,
  type CodeHostV1,
  type OpenPullRequestInput,
  type PullRequestRef,
  systemClock,
} from '@aurora-rca/core';
import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { branchNameProblem } from './branch-name.js';
import { type GithubStep, toAuroraError } from './errors.js';

const isOctokit = (v: unknown): v is Octokit =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { request?: unknown }).request === 'function' &&
  'rest' in v;

/** Options of {@link githubCodeHost}. */
export interface GithubCodeHostOptions {
  /** A token (PAT, fine-grained or installation token) or a ready Octokit (e.g. from `@octokit/app`). */
  auth: string | Octokit;
  /**
   * API root for GitHub Enterprise Server, e.g. `https://github.example.com/api/v3`. Token auth only.
   * @default 'https://api.github.com'
   */
  baseUrl?: string;
  /** Injected fetch (tests, proxies). Token auth only. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Token auth only. @default 'aurora-rca' */
  userAgent?: string;
  /** Clock used to turn `x-ratelimit-reset` into a wait. @default systemClock */
  clock?: Clock;
}

/** Schema of {@link GithubCodeHostOptions} (strict: unknown keys are rejected). */
export const GithubCodeHostOptions: z.ZodType<GithubCodeHostOptions> = z.strictObject({
  auth: z.union([z.string().min(1), z.custom<Octokit>(isOctokit, 'expected a token or an Octokit instance')]),
  baseUrl: z.url().optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((v) => typeof v === 'function', 'expected a fetch function')
    .optional(),
  userAgent: z.string().min(1).optional(),
  clock: z
    .custom<Clock>((v) => typeof (v as Clock | undefined)?.now === 'function', 'expected a Clock')
    .optional(),
});

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

function validateInput(input: OpenPullRequestInput): { owner: string; repo: string } {
  const m = REPOSITORY.exec(input.repository);
  if (!m) {
    throw new AuroraError('INVALID_INPUT', `repository must be "owner/name", got "${input.repository}"`, {
      details: { field: 'repository' },
    });
  }
  for (const [field, name] of [
    ['branch', input.branch] as const,
    ['baseBranch', input.baseBranch] as const,
  ]) {
    if (name === undefined && field === 'baseBranch') continue;
    const problem = branchNameProblem(name ?? '');
    if (problem)
      throw new AuroraError('INVALID_INPUT', `${field} "${name}" ${problem}`, { details: { field } });
  }
  if (input.files.length === 0)
    throw new AuroraError('INVALID_INPUT', 'a pull request needs at least one file');
  const seen = new Set<string>();
  for (const file of input.files) {
    const parts = file.path.split('/');
    if (
      !file.path ||
      file.path.startsWith('/') ||
      parts.some((p) => p === '' || p === '.' || p === '..' || p === '.git')
    ) {
      throw new AuroraError(
        'INVALID_INPUT',
        `file path "${file.path}" must be relative, without ., .. or .git`,
        {
          details: { field: 'files', path: file.path },
        },
      );
    }
    if (seen.has(file.path)) throw new AuroraError('INVALID_INPUT', `file "${file.path}" is listed twice`);
    seen.add(file.path);
  }
  if (!input.title.trim()) throw new AuroraError('INVALID_INPUT', 'title is empty');
  if (!input.commitMessage.trim()) throw new AuroraError('INVALID_INPUT', 'commitMessage is empty');
  return { owner: m[1]!, repo: m[2]! };
}

/**
 * A {@link CodeHostV1} on GitHub's REST API (Octokit).
 *
 * `openPullRequest` reads the repository and, unless `baseBranch` is given, branches from its
 * **default branch** (whatever it is called); it commits every file in one commit through the
 * Git database API (blobs → tree on the base tree → commit), creates `refs/heads/<branch>`
 * and opens the pull request. Files are written as regular files (mode `100644`), in UTF-8.
 * If the pull request cannot be opened, the branch just created is deleted (best effort), so
 * nothing is left half-done. Errors are `AuroraError`s (see {@link toAuroraError}); the token
 * never appears in them.
 *
 * Token permissions: contents (read & write) and pull requests (read & write).
 *
 * @example
 * ```ts
 * const github = githubCodeHost({ auth: process.env.GITHUB_TOKEN! });
 * const pr = await github.openPullRequest({
 *   repository: 'acme/shop', branch: fixBranchName(incident.id, Date.now()),
 *   title, body, commitMessage: 'fix: raise memory limit of web', files: [{ path: 'k8s/web.yaml', content }],
 * });
 * ```
 */
export function githubCodeHost(options: GithubCodeHostOptions): CodeHostV1 {
  const parsed = GithubCodeHostOptions.safeParse(options);
  if (!parsed.success) {
    throw new AuroraError('INVALID_INPUT', `githubCodeHost: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const opts = parsed.data;
  if (isOctokit(opts.auth) && (opts.baseUrl || opts.fetch || opts.userAgent)) {
    throw new AuroraError(
      'INVALID_INPUT',
      'githubCodeHost: baseUrl, fetch and userAgent apply only when auth is a token',
    );
  }
  const clock = opts.clock ?? systemClock;
  const secret = typeof opts.auth === 'string' ? opts.auth : undefined;
  const octokit = isOctokit(opts.auth)
    ? opts.auth
    : new Octokit({
        auth: opts.auth,
        userAgent: opts.userAgent ?? 'aurora-rca',
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {}),
        ...(opts.fetch ? { request: { fetch: opts.fetch } } : {}),
        // Octokit logs failed requests with console.error; Aurora reports them as AuroraErrors.
        log: { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} },
      });

  return {
    specificationVersion: 'v1',
    name: 'github',
    async openPullRequest(input: OpenPullRequestInput): Promise<PullRequestRef> {
      const { owner, repo } = validateInput(input);
      const repository = `${owner}/${repo}`;
      const step = async <T>(name: GithubStep, run: () => Promise<T>): Promise<T> => {
        try {
          return await run();
        } catch (error) {
          throw toAuroraError(error, {
            step: name,
            repository,
            nowMs: clock.now(),
            ...(secret ? { secret } : {}),
          });
        }
      };

      const { data: repoData } = await step('get-repository', () => octokit.rest.repos.get({ owner, repo }));
      if (repoData.permissions && repoData.permissions.push === false) {
        throw new AuroraError('FORBIDDEN', `The GitHub token cannot push to ${repository}`, {
          details: { step: 'get-repository', repository },
        });
      }
      const baseBranch = input.baseBranch ?? repoData.default_branch;
      const { data: baseRef } = await step('get-base-ref', () =>
        octokit.rest.git.getRef({ owner, repo, ref: `heads/${baseBranch}` }),
      );
      const baseSha = baseRef.object.sha;
      const { data: baseCommit } = await step('get-base-commit', () =>
        octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha }),
      );

      // One blob at a time: GitHub asks integrations to serialise content-creating requests
      // (secondary rate limits).
      const tree: { path: string; mode: '100644'; type: 'blob'; sha: string }[] = [];
      for (const file of input.files) {
        const { data: blob } = await step('create-blob', () =>
          octokit.rest.git.createBlob({ owner, repo, content: file.content, encoding: 'utf-8' }),
        );
        tree.push({ path: file.path, mode: '100644', type: 'blob', sha: blob.sha });
      }
      const { data: newTree } = await step('create-tree', () =>
        octokit.rest.git.createTree({ owner, repo, base_tree: baseCommit.tree.sha, tree }),
      );
      const { data: commit } = await step('create-commit', () =>
        octokit.rest.git.createCommit({
          owner,
          repo,
          message: input.commitMessage,
          tree: newTree.sha,
          parents: [baseSha],
        }),
      );
      await step('create-ref', () =>
        octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${input.branch}`, sha: commit.sha }),
      );

      try {
        const { data: pr } = await step('create-pull-request', () =>
          octokit.rest.pulls.create({
            owner,
            repo,
            head: input.branch,
            base: baseBranch,
            title: input.title,
            body: input.body,
          }),
        );
        return { url: pr.html_url, number: pr.number, branch: input.branch, baseBranch };
      } catch (error) {
        await octokit.rest.git
          .deleteRef({ owner, repo, ref: `heads/${input.branch}` })
          .catch(() => undefined);
        throw error;
      }
    },
  };
}
