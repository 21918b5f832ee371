import { z } from 'zod';

/**
 * The scenario bundle (`scenario.json`): alerts to ingest and the tool output an
 * investigation will see, so an investigation can be replayed without touching anything
 * live. Lenient where it reads outside data (payloads, inputs); unknown keys are ignored.
 */
export const ScenarioAlert = z.object({
  /** When the alert arrives: an ISO time, or milliseconds after the scenario starts. */
  at: z.union([z.string().min(1), z.number().nonnegative()]),
  /** Alert source id (`grafana`, `alertmanager`, `pagerduty`, …). */
  source: z.string().min(1),
  /** The webhook body, as the source sends it. */
  payload: z.unknown(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type ScenarioAlert = z.infer<typeof ScenarioAlert>;

/**
 * One recorded tool call. A command tool's `input` is `{ "args": [...] }` without the
 * program name; Prometheus and Loki recordings hold `{ "query": ... }`.
 */
export const Recording = z.object({
  tool: z.string().min(1),
  input: z.unknown(),
  output: z.string(),
  /** Non-zero makes the call an error result (as a failing CLI would). @default 0 */
  exitCode: z.number().int().optional(),
});
export type Recording = z.infer<typeof Recording>;

export const ScenarioExpectation = z.object({
  rootCause: z
    .object({
      service: z.string().optional(),
      /** Words or phrases the root cause must mention (case-insensitive). */
      mustMention: z.array(z.string()).default([]),
    })
    .optional(),
});
export type ScenarioExpectation = z.infer<typeof ScenarioExpectation>;

export const ScenarioBundle = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  alerts: z.array(ScenarioAlert).default([]),
  recordings: z.array(Recording).default([]),
  expect: ScenarioExpectation.optional(),
});
export type ScenarioBundle = z.infer<typeof ScenarioBundle>;
export type ScenarioBundleInput = z.input<typeof ScenarioBundle>;
