import { AuroraError, manualClock, type OpenPullRequestInput } from '@aurora-rca/core';
import { Octokit } from '@octokit/rest';
import { describe, expect, it, vi } from 'vitest';
import { jsonRecording, useTestServer } from '../llm/test-server.js';
import { githubCodeHost } from './github-code-host.js';

const rec = (name: string) => jsonRecording(import.meta.url, `./__recordings__/${name}`);
const API = 'https://api.github.com/repos/octocat/Hello-World';
const TOKEN = 'ghp_SECRETsecretSECRETsecret0123456789';
const BRANCH = 'aurora/fix-incident-inc_42-1764877800000';

const server = useTestServer();

/** GitHub answers every step of the happy path; the repository's default branch is `develop`. */
function githubHappyPath(overrides: { repository?: object } = {}) {
  server.on('GET', API, {
    json: { ...rec('get-repository.json'), default_branch: 'develop', ...overrides.repository },
  });
  server.on('GET', `${API}/git/ref/*`, { json: rec('get-ref.json') });
  server.on('GET', `${API}/git/commits/:sha`, { json: rec('get-commit.json') });
  server.on(
    'POST',
    `${API}/git/blobs`,
    { status: 201, json: { ...rec('create-blob.json'), sha: '1111111111111111111111111111111111111111' } },
    { status: 201, json: { ...rec('create-blob.json'), sha: '2222222222222222222222222222222222222222' } },
  );
  server.on('POST', `${API}/git/trees`, { status: 201, json: rec('create-tree.json') });
  server.on('POST', `${API}/git/commits`, { status: 201, json: rec('create-commit.json') });
  server.on('POST', `${API}/git/refs`, { status: 201, json: rec('create-ref.json') });
  server.on('POST', `${API}/pulls`, { status: 201, json: rec('create-pull.json') });
  server.on('DELETE', `${API}/git/refs/*`, { status: 204, json: null });
}

const input: OpenPullRequestInput = {
  repository: 'octocat/Hello-World',
  branch: BRANCH,
  title: 'Aurora fix: web OOMKilled',
  body: 'Raise the memory limit. [1]',
  commitMessage: 'fix(web): raise memory limit to 512Mi',
  files: [
    {
      path: 'k8s/web/deployment.yaml',
      content: 'resources:\n  limits:\n    memory: 512Mi # edited by Ana\n',
    },
    { path: 'docs/runbook.md', content: '# Runbook\n\nné, 日本語 ✓\n' },
  ],
};

const route = (r: { method: string; url: URL }) => `${r.method} ${decodeURIComponent(r.url.pathname)}`;

async function rejection(promise: Promise<unknown>): Promise<AuroraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(AuroraError.isInstance(error)).toBe(true);
  return error as AuroraError;
}

describe('githubCodeHost().openPullRequest', () => {
  it('branches from the default branch, commits every file in one commit and opens the PR', async () => {
    githubHappyPath();
    const host = githubCodeHost({ auth: TOKEN });

    const pr = await host.openPullRequest(input);

    expect(pr).toEqual({
      url: 'https://github.com/octocat/Hello-World/pull/1347',
      number: 1347,
      branch: BRANCH,
      baseBranch: 'develop',
    });
    expect(server.requests.map(route)).toEqual([
      'GET /repos/octocat/Hello-World',
      'GET /repos/octocat/Hello-World/git/ref/heads/develop',
      'GET /repos/octocat/Hello-World/git/commits/aa218f56b14c9653891f9e74264a383fa43fefbd',
      'POST /repos/octocat/Hello-World/git/blobs',
      'POST /repos/octocat/Hello-World/git/blobs',
      'POST /repos/octocat/Hello-World/git/trees',
      'POST /repos/octocat/Hello-World/git/commits',
      'POST /repos/octocat/Hello-World/git/refs',
      'POST /repos/octocat/Hello-World/pulls',
    ]);
    const body = (i: number) => server.requests[i]!.json;
    // The files given are exactly the files committed (a person's edit included).
    expect(body(3)).toEqual({ content: input.files[0]!.content, encoding: 'utf-8' });
    expect(body(4)).toEqual({ content: input.files[1]!.content, encoding: 'utf-8' });
    expect(body(5)).toEqual({
      base_tree: '691272480426f78a0138979dd3ce63b77f706feb',
      tree: [
        {
          path: 'k8s/web/deployment.yaml',
          mode: '100644',
          type: 'blob',
          sha: '1111111111111111111111111111111111111111',
        },
        {
          path: 'docs/runbook.md',
          mode: '100644',
          type: 'blob',
          sha: '2222222222222222222222222222222222222222',
        },
      ],
    });
    expect(body(6)).toEqual({
      message: 'fix(web): raise memory limit to 512Mi',
      tree: 'cd8274d15fa3ae2ab983129fb037999f264ba9a7',
      parents: ['aa218f56b14c9653891f9e74264a383fa43fefbd'],
    });
    expect(body(7)).toEqual({ ref: `refs/heads/${BRANCH}`, sha: '7638417db6d59f3c431d3e1f261cc637155684cd' });
    expect(body(8)).toEqual({ head: BRANCH, base: 'develop', title: input.title, body: input.body });
    for (const r of server.requests) {
      expect(r.headers.get('authorization')).toMatch(new RegExp(`^(token|bearer) ${TOKEN}$`, 'i'));
      expect(r.headers.get('user-agent')).toMatch(/^aurora-rca/);
    }
  });

  it('uses the given baseBranch instead of the default branch', async () => {
    githubHappyPath();
    const pr = await githubCodeHost({ auth: TOKEN }).openPullRequest({ ...input, baseBranch: 'release/1.2' });

    expect(pr.baseBranch).toBe('release/1.2');
    expect(server.requests.map(route)[1]).toBe('GET /repos/octocat/Hello-World/git/ref/heads/release/1.2');
    expect(server.requests.at(-1)!.json).toMatchObject({ base: 'release/1.2' });
  });

  it('talks to GitHub Enterprise through the injected fetch and baseUrl', async () => {
    const ghe = 'https://github.example.com/api/v3/repos/octocat/Hello-World';
    server.on('GET', ghe, { json: { ...rec('get-repository.json'), default_branch: 'trunk' } });
    server.on('GET', `${ghe}/git/ref/*`, { json: rec('get-ref.json') });
    server.on('GET', `${ghe}/git/commits/:sha`, { json: rec('get-commit.json') });
    server.on('POST', `${ghe}/git/blobs`, { status: 201, json: rec('create-blob.json') });
    server.on('POST', `${ghe}/git/trees`, { status: 201, json: rec('create-tree.json') });
    server.on('POST', `${ghe}/git/commits`, { status: 201, json: rec('create-commit.json') });
    server.on('POST', `${ghe}/git/refs`, { status: 201, json: rec('create-ref.json') });
    server.on('POST', `${ghe}/pulls`, { status: 201, json: rec('create-pull.json') });
    const fetch = vi.fn(server.fetch);

    const host = githubCodeHost({ auth: TOKEN, baseUrl: 'https://github.example.com/api/v3/', fetch });
    const pr = await host.openPullRequest({ ...input, files: [input.files[0]!] });

    expect(pr.baseBranch).toBe('trunk');
    expect(fetch).toHaveBeenCalledTimes(8);
    expect(server.requests.every((r) => r.url.host === 'github.example.com')).toBe(true);
  });

  it('accepts a ready Octokit (e.g. a GitHub App installation client)', async () => {
    githubHappyPath();
    const octokit = new Octokit({ auth: 'ghs_installation', request: { fetch: server.fetch } });
    const pr = await githubCodeHost({ auth: octokit }).openPullRequest(input);
    expect(pr.number).toBe(1347);
    expect(server.requests[0]!.headers.get('authorization')).toMatch(/ghs_installation/);
  });

  it('maps a missing repository (404) to NOT_FOUND and stops', async () => {
    server.on('GET', API, { status: 404, json: rec('error-repo-not-found.json') });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('octocat/Hello-World not found');
    expect(error.details).toMatchObject({ step: 'get-repository', status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a missing base branch to NOT_FOUND', async () => {
    githubHappyPath();
    server.on('GET', `${API}/git/ref/*`, {
      status: 404,
      json: {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/git/refs#get-a-reference',
        status: '404',
      },
    });
    const error = await rejection(
      githubCodeHost({ auth: TOKEN }).openPullRequest({ ...input, baseBranch: 'gone' }),
    );

    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ step: 'get-base-ref' });
    expect(server.requests.map(route)).not.toContain('POST /repos/octocat/Hello-World/git/blobs');
  });

  it('maps a 403 permission error to FORBIDDEN before any branch is created', async () => {
    githubHappyPath();
    server.on('POST', `${API}/git/blobs`, { status: 403, json: rec('error-forbidden.json') });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('Resource not accessible by personal access token');
    expect(error.details).toMatchObject({ step: 'create-blob', status: 403 });
    expect(server.requests.map(route)).not.toContain('POST /repos/octocat/Hello-World/git/refs');
  });

  it('refuses early with FORBIDDEN when the repository says the token cannot push', async () => {
    githubHappyPath({
      repository: { permissions: { admin: false, maintain: false, push: false, triage: false, pull: true } },
    });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('FORBIDDEN');
    expect(server.requests).toHaveLength(1);
  });

  it('maps 422 "Reference already exists" to CONFLICT and opens no PR', async () => {
    githubHappyPath();
    server.on('POST', `${API}/git/refs`, { status: 422, json: rec('error-ref-exists.json') });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Reference already exists');
    expect(error.details).toMatchObject({ step: 'create-ref', status: 422 });
    expect(server.requests.map(route)).not.toContain('POST /repos/octocat/Hello-World/pulls');
  });

  it('maps the primary rate limit (403, x-ratelimit-remaining: 0) to RATE_LIMITED with the wait', async () => {
    const clock = manualClock('2026-12-04T20:00:00.400Z');
    const reset = Date.parse('2026-12-04T20:02:00Z') / 1000;
    server.on('GET', API, {
      status: 403,
      json: rec('error-rate-limit.json'),
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
    });
    const error = await rejection(githubCodeHost({ auth: TOKEN, clock }).openPullRequest(input));

    expect(error.code).toBe('RATE_LIMITED');
    expect(error.details).toMatchObject({ retryAfterSeconds: 120, step: 'get-repository', status: 403 });
    expect(error.message).toContain('retry in 120s');
  });

  it('maps a secondary rate limit (retry-after) to RATE_LIMITED', async () => {
    githubHappyPath();
    server.on('POST', `${API}/git/blobs`, {
      status: 403,
      json: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 1234:5678.',
        documentation_url:
          'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403',
      },
      headers: { 'retry-after': '60' },
    });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('RATE_LIMITED');
    expect(error.details).toMatchObject({ retryAfterSeconds: 60, step: 'create-blob' });
  });

  it('maps "A pull request already exists" to CONFLICT and deletes the branch it just created', async () => {
    githubHappyPath();
    server.on('POST', `${API}/pulls`, { status: 422, json: rec('error-pr-exists.json') });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('A pull request already exists');
    expect(server.requests.map(route).at(-1)).toBe(
      `DELETE /repos/octocat/Hello-World/git/refs/heads/${BRANCH}`,
    );
  });

  it('maps other errors to UPSTREAM with GitHub’s message and never leaks the token', async () => {
    server.on('GET', API, {
      status: 401,
      json: { ...rec('error-bad-credentials.json'), message: `Bad credentials for ${TOKEN}` },
      headers: { 'x-github-request-id': 'CAFE:1234:5678' },
    });
    const error = await rejection(githubCodeHost({ auth: TOKEN }).openPullRequest(input));

    expect(error.code).toBe('UPSTREAM');
    expect(error.message).toContain('Bad credentials');
    expect(error.details).toMatchObject({ status: 401, requestId: 'CAFE:1234:5678' });
    const everything = [
      error.message,
      JSON.stringify(error.toJSON()),
      JSON.stringify(error.details),
      String(error.cause),
    ];
    for (const text of everything) expect(text).not.toContain(TOKEN);
  });

  it('rejects invalid input with INVALID_INPUT before calling GitHub', async () => {
    const host = githubCodeHost({ auth: TOKEN });
    const cases: Partial<OpenPullRequestInput>[] = [
      { repository: 'just-a-name' },
      { branch: 'has space' },
      { branch: 'a..b' },
      { baseBranch: 'main:evil' },
      { files: [] },
      { files: [{ path: '../etc/passwd', content: 'x' }] },
      { files: [{ path: '/abs.txt', content: 'x' }] },
      { files: [{ path: '.git/config', content: 'x' }] },
      {
        files: [
          { path: 'a.txt', content: '1' },
          { path: 'a.txt', content: '2' },
        ],
      },
    ];
    for (const change of cases) {
      const error = await rejection(host.openPullRequest({ ...input, ...change }));
      expect(error.code, JSON.stringify(change)).toBe('INVALID_INPUT');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('validates its options', () => {
    expect(() => githubCodeHost({ auth: '' })).toThrow(/auth/);
    expect(() => githubCodeHost({ auth: TOKEN, baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => githubCodeHost({ auth: new Octokit(), baseUrl: 'https://x.example' })).toThrow(/token/);
    expect(() => githubCodeHost({ auth: TOKEN, extra: 1 } as never)).toThrow(AuroraError);
  });
});
