import { readFileSync } from 'node:fs';
import type { Integration } from '@aurora-rca/core';
import { z } from 'zod';

const Auth = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hmac'),
    secret: z.string().min(1),
    header: z.string().optional(),
    timestampHeader: z.string().optional(),
    toleranceSeconds: z.number().optional(),
  }),
  z.object({ type: z.literal('pagerduty'), secrets: z.array(z.string().min(1)).min(1) }),
  z.object({ type: z.literal('sfx'), secret: z.string().min(1) }),
  z.object({ type: z.literal('bearer'), token: z.string().min(1) }),
  z.object({ type: z.literal('basic'), username: z.string(), password: z.string().min(1) }),
  z.object({ type: z.literal('header'), name: z.string().min(1), value: z.string().min(1) }),
  z.object({ type: z.literal('none') }),
]);

const ConfigSchema = z.object({
  tenants: z.array(z.object({ id: z.string().min(1), tokens: z.array(z.string()).default([]) })).min(1),
  integrations: z.array(
    z.object({
      id: z.string().min(1),
      tenantId: z.string().min(1),
      source: z.string().min(1),
      auth: Auth,
      insecure: z.boolean().optional(),
      mapping: z.record(z.string(), z.unknown()).optional(),
      investigateTestAlerts: z.boolean().optional(),
    }),
  ),
});

export interface ServerConfig {
  tenants: Array<{ id: string; tokens: string[] }>;
  integrations: Integration[];
}

/** Replaces `${NAME}` and `${NAME:-default}` in every string with the environment's value. */
export function interpolateEnv(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const v = env[name];
      return v !== undefined && v !== '' ? v : (fallback ?? '');
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolateEnv(v, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env)]));
  }
  return value;
}

/** Reads and validates a config file; secrets come from the environment. */
export function loadConfig(
  path: string,
  env: Record<string, string | undefined> = process.env,
): ServerConfig {
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  delete raw.$comment;
  const parsed = ConfigSchema.safeParse(interpolateEnv(raw, env));
  if (!parsed.success) {
    throw new Error(
      `Invalid config ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const ids = new Set<string>();
  for (const i of parsed.data.integrations) {
    if (ids.has(i.id)) throw new Error(`Invalid config ${path}: duplicate integration id ${i.id}`);
    ids.add(i.id);
  }
  return {
    tenants: parsed.data.tenants.map((t) => ({ id: t.id, tokens: t.tokens.filter(Boolean) })),
    integrations: parsed.data.integrations as Integration[],
  };
}
