import { AuroraError, type AuroraErrorCode } from '@aurora-rca/core';

/** The step of `openPullRequest` a GitHub error happened in. */
export type GithubStep =
  | 'get-repository'
  | 'get-base-ref'
  | 'get-base-commit'
  | 'create-blob'
  | 'create-tree'
  | 'create-commit'
  | 'create-ref'
  | 'create-pull-request';

/** What Octokit's `RequestError` (name `HttpError`) carries that we read. Duck-typed on purpose. */
interface OctokitHttpError {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function isOctokitHttpError(error: unknown): error is OctokitHttpError {
  return (
    error instanceof Error &&
    error.name === 'HttpError' &&
    typeof (error as Partial<OctokitHttpError>).status === 'number'
  );
}

/** GitHub's error body: `{ message, errors?: [{ message?, code? }], documentation_url? }`. */
function githubMessage(data: unknown, fallback: string): { message: string; documentationUrl?: string } {
  if (typeof data !== 'object' || data === null) return { message: fallback };
  const body = data as { message?: unknown; errors?: unknown; documentation_url?: unknown };
  const parts: string[] = [];
  if (typeof body.message === 'string') parts.push(body.message);
  if (Array.isArray(body.errors)) {
    for (const e of body.errors) {
      if (typeof e === 'string') parts.push(e);
      else if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
        parts.push((e as { message: string }).message);
      }
    }
  }
  const documentationUrl = typeof body.documentation_url === 'string' ? body.documentation_url : undefined;
  return {
    message: parts.length ? parts.join(': ') : fallback,
    ...(documentationUrl ? { documentationUrl } : {}),
  };
}

function header(error: OctokitHttpError, name: string): string | undefined {
  const v = error.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

function isRateLimited(error: OctokitHttpError, message: string): boolean {
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  return header(error, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(message);
}

/** Seconds to wait before retrying, from `retry-after` or `x-ratelimit-reset` (epoch seconds). */
function retryAfterSeconds(error: OctokitHttpError, nowMs: number): number | undefined {
  const retryAfter = Number(header(error, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter;
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - nowMs / 1000));
  return undefined;
}

/**
 * Maps an Octokit error to an {@link AuroraError}: 404 → `NOT_FOUND`, rate limits (429, or 403
 * with `x-ratelimit-remaining: 0` / a "rate limit" message) → `RATE_LIMITED`, other 403 →
 * `FORBIDDEN`, 422 "Reference already exists" / "A pull request already exists" → `CONFLICT`,
 * everything else → `UPSTREAM`.
 *
 * The message is GitHub's own (never Octokit's request dump), the original error is not kept
 * as `cause`, and `secret` (the token) is scrubbed from every string, so nothing that reaches
 * a log or an HTTP response can carry credentials.
 */
export function toAuroraError(
  error: unknown,
  context: { step: GithubStep; repository: string; secret?: string; nowMs?: number },
): AuroraError {
  if (AuroraError.isInstance(error)) return error;
  const scrub = (s: string) => (context.secret ? s.split(context.secret).join('[REDACTED]') : s);
  const base = { step: context.step, repository: context.repository };

  if (!isOctokitHttpError(error)) {
    const message = scrub(error instanceof Error ? error.message : String(error));
    return new AuroraError('UPSTREAM', `GitHub request failed (${context.step}): ${message}`, {
      details: base,
    });
  }

  const gh = githubMessage(error.response?.data, error.message);
  const message = scrub(gh.message);
  const details: Record<string, unknown> = {
    ...base,
    status: error.status,
    githubMessage: message,
    ...(gh.documentationUrl ? { documentationUrl: gh.documentationUrl } : {}),
    ...(header(error, 'x-github-request-id') ? { requestId: header(error, 'x-github-request-id') } : {}),
  };

  let code: AuroraErrorCode = 'UPSTREAM';
  let text = `GitHub ${error.status} during ${context.step} on ${context.repository}: ${message}`;
  if (isRateLimited(error, message)) {
    code = 'RATE_LIMITED';
    const wait = retryAfterSeconds(error, context.nowMs ?? Date.now());
    if (wait !== undefined) details.retryAfterSeconds = wait;
    text = `GitHub rate limit reached on ${context.repository}${wait !== undefined ? `; retry in ${wait}s` : ''}: ${message}`;
  } else if (error.status === 404) {
    code = 'NOT_FOUND';
    text =
      context.step === 'get-repository'
        ? `GitHub repository ${context.repository} not found, or the token cannot see it`
        : `GitHub ${context.step.replace('get-', '').replace('-', ' ')} not found on ${context.repository}: ${message}`;
  } else if (error.status === 403) {
    code = 'FORBIDDEN';
    text = `GitHub denied ${context.step} on ${context.repository} (the token needs contents and pull-requests write access): ${message}`;
  } else if (error.status === 422 && /already exists/i.test(message)) {
    code = 'CONFLICT';
    text =
      context.step === 'create-ref'
        ? `Branch already exists on ${context.repository}: ${message}`
        : `${message} (${context.repository})`;
  }
  return new AuroraError(code, text, { details });
}
