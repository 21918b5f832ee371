import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Integration } from '@aurora-rca/core';
import { signedHeaders } from './sign.js';

export interface ScenarioAlert {
  at: string;
  source: string;
  payload: unknown;
  headers?: Record<string, string>;
}

/** Reads every `examples/scenarios/<name>/scenario.json`. */
export function readScenarios(
  dir: string,
): Array<{ name: string; alerts: ScenarioAlert[]; recordings: unknown[] }> {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      const json = JSON.parse(readFileSync(join(dir, entry.name, 'scenario.json'), 'utf8'));
      out.push({
        name: json.name ?? entry.name,
        alerts: json.alerts ?? [],
        recordings: json.recordings ?? [],
      });
    } catch {
      // not a scenario folder
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Posts alerts to the running server's webhook endpoints, signed as each vendor signs them,
 * spaced by `gapMs`. Returns the HTTP statuses.
 */
export async function replayAlerts(
  baseUrl: string,
  alerts: ScenarioAlert[],
  integrations: Integration[],
  options: { gapMs?: number; onResult?: (alert: ScenarioAlert, status: number, body: unknown) => void } = {},
): Promise<number[]> {
  const statuses: number[] = [];
  for (const alert of alerts) {
    const integration = integrations.find((i) => i.source === alert.source);
    if (!integration) throw new Error(`No integration configured for source ${alert.source}`);
    const body = JSON.stringify(alert.payload);
    const res = await fetch(`${baseUrl}/api/webhooks/${integration.source}/${integration.id}`, {
      method: 'POST',
      body,
      headers: { ...(alert.headers ?? {}), ...signedHeaders(integration, body) },
    });
    statuses.push(res.status);
    options.onResult?.(alert, res.status, await res.json().catch(() => null));
    if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
  }
  return statuses;
}

function namespacesOf(recordings: unknown[]): Set<string> {
  const out = new Set<string>();
  for (const r of recordings as Array<{ input?: { args?: string[] } }>) {
    const args = r.input?.args ?? [];
    for (let i = 0; i < args.length - 1; i++) {
      if (args[i] === '-n' || args[i] === '--namespace') out.add(String(args[i + 1]));
    }
  }
  return out;
}

/**
 * Scenarios whose recorded environments do not overlap (no shared Kubernetes namespace), so
 * one combined recorded environment answers each incident's commands unambiguously.
 */
export function distinctScenarios<T extends { recordings: unknown[] }>(scenarios: T[]): T[] {
  const taken = new Set<string>();
  const picked: T[] = [];
  for (const s of scenarios) {
    const ns = namespacesOf(s.recordings);
    if ([...ns].some((n) => taken.has(n))) continue;
    for (const n of ns) taken.add(n);
    picked.push(s);
  }
  return picked;
}
