/**
 * Redaction of secrets in tool output, applied before anything reaches a model, a citation
 * or a log. Pattern-based, so it is a safety net, not a guarantee: the command policy is
 * what keeps secret reads from running in the first place.
 */

/** One redaction rule. `pattern` must be global (`g`); `replace` gets the match and its groups. */
export interface RedactionPattern {
  name: string;
  pattern: RegExp;
  /** A replacement string (`$1` groups allowed) or function. @default '[REDACTED]' */
  replace?: string | ((match: string, ...groups: string[]) => string);
}

/** Options of {@link createRedactor}. */
export interface RedactorOptions {
  /** Patterns added after the built-in ones. */
  extraPatterns?: RedactionPattern[];
  /** Names of built-in patterns to switch off (see {@link DEFAULT_REDACTION_PATTERNS}). */
  disable?: string[];
  /** @default '[REDACTED]' */
  mask?: string;
}

/** Removes secrets from text. */
export interface Redactor {
  redact(text: string): string;
  readonly patterns: readonly RedactionPattern[];
}

const M = '\u0000MASK\u0000';
/** Key names whose value is a secret: the sensitive word must end the key (`DB_PASSWORD`, not `secretName`). */
// Every unbounded run below is anchored on a literal or bounded, so a hostile line (a long
// `a.a.a.…`, thousands of BEGIN markers) cannot make redaction quadratic.
const SECRET_KEY =
  '[A-Za-z0-9_.-]{0,64}?(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|credentials?|accountkey|sharedaccesskey|auth)(?:[_-]?(?:value|id_token))?';

/** The built-in patterns, in the order they run. */
export const DEFAULT_REDACTION_PATTERNS: readonly RedactionPattern[] = [
  {
    name: 'private-key',
    pattern:
      /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----(?:(?!-----)[\s\S]){0,16384}-----END \1PRIVATE KEY\2-----/g,
    replace: `-----BEGIN $1PRIVATE KEY$2-----${M}-----END $1PRIVATE KEY$2-----`,
  },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g },
  {
    name: 'aws-access-key-id',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
  },
  { name: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { name: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { name: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  {
    name: 'authorization-header',
    pattern: /\b(Bearer|Basic|Token|Negotiate|Digest)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: `$1 ${M}`,
  },
  {
    name: 'url-credentials',
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s:/@"'<>]*):([^\s@/"'<>]+)@/gi,
    replace: `$1$2:${M}@`,
  },
  {
    name: 'url-secret-parameter',
    pattern:
      /([?&](?:sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential|x-goog-signature|x-goog-credential|access_token|id_token|token|api_key|apikey|key|password|secret|code)=)[^&\s"'<>]+/gi,
    replace: `$1${M}`,
  },
  {
    // Kubernetes env entries, where the key is in `name` and the secret in `value`:
    // `- name: DB_PASSWORD\n  value: hunter2` (YAML) and {"name":"DB_PASSWORD","value":"hunter2"} (JSON).
    name: 'env-var-value',
    pattern: new RegExp(
      `(name:[ \\t]{0,8}["']?${SECRET_KEY}["']?[ \\t]*\\r?\\n[ \\t]{0,64}value:[ \\t]{0,8})(?!\\[)([^\\r\\n]{1,4096})|("name"[ \\t]{0,8}:[ \\t]{0,8}"${SECRET_KEY}"[ \\t]{0,8},[ \\t]{0,8}"value"[ \\t]{0,8}:[ \\t]{0,8}")((?:[^"\\\\\\n]|\\\\.){1,4096})"`,
      'gi',
    ),
    replace: (_m: string, yamlPrefix?: string, _yamlValue?: string, jsonPrefix?: string) =>
      yamlPrefix !== undefined ? `${yamlPrefix}${M}` : `${jsonPrefix}${M}"`,
  },
  {
    // JSON and YAML style: "password": "x", password: x, DB_PASSWORD=x, AccountKey=x;
    name: 'secret-assignment',
    pattern: new RegExp(
      `(["']?\\b${SECRET_KEY}["']?[ \\t]{0,8}[:=][ \\t]{0,8})(?:"((?:[^"\\\\\\n]|\\\\.){0,4096})"|'([^'\\n]{0,4096})'|([^\\s,;&"'}{\\]<]+))`,
      'gi',
    ),
    replace: (_m: string, prefix: string, dq?: string, sq?: string, bare?: string) => {
      if (dq !== undefined) return dq === '' ? `${prefix}""` : `${prefix}"${M}"`;
      if (sq !== undefined) return sq === '' ? `${prefix}''` : `${prefix}'${M}'`;
      if (bare === undefined || bare === M || bare === '|' || bare === '>' || bare === '-')
        return `${prefix}${bare ?? ''}`;
      return `${prefix}${M}`;
    },
  },
  {
    name: 'password-flag',
    pattern: /(--(?:password|token|secret|client-secret|api-key)(?:=|\s+))(?!-)[^\s"']+/gi,
    replace: `$1${M}`,
  },
];

/**
 * Creates a redactor with the built-in patterns plus your own.
 *
 * @example
 * ```ts
 * const redactor = createRedactor({ extraPatterns: [{ name: 'acme-key', pattern: /acme_[a-z0-9]{32}/g }] });
 * redactor.redact('password=hunter2'); // 'password=[REDACTED]'
 * ```
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const mask = options.mask ?? '[REDACTED]';
  const disabled = new Set(options.disable ?? []);
  const patterns = [
    ...DEFAULT_REDACTION_PATTERNS.filter((p) => !disabled.has(p.name)),
    ...(options.extraPatterns ?? []),
  ];
  for (const p of patterns) {
    if (!p.pattern.global) throw new TypeError(`Redaction pattern "${p.name}" must use the g flag`);
  }
  return {
    patterns,
    redact(text) {
      // Already-masked values are kept as they are, so redacting twice changes nothing.
      let out = text.split(mask).join(M);
      for (const p of patterns) {
        const replace = p.replace ?? M;
        out =
          typeof replace === 'string'
            ? out.replace(p.pattern, replace)
            : out.replace(p.pattern, replace as never);
      }
      return out.split(M).join(mask);
    },
  };
}

/** A redactor with the built-in patterns only. */
export const defaultRedactor: Redactor = createRedactor();
