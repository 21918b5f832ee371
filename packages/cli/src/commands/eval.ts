import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { builtInSources } from '@aurora-rca/adapters/sources';
import {
  AuroraError,
  Confidence,
  type ReplayScenarioOptions,
  replayScenario,
  type ScenarioOutcome,
} from '@aurora-rca/core';
import { loadScenario } from '@aurora-rca/core/node';
import { recordedTools } from '@aurora-rca/core/testing';
import { memoryStorage } from '@aurora-rca/storage-memory';
import type { CliIo, RegisterCommand } from '../io.js';

interface EvalFlags {
  model?: string;
}

/** How `--model` becomes a chat model; the default reads provider keys from the environment. */
export type EvalModelFactory = (spec: string) => Promise<NonNullable<ReplayScenarioOptions['model']>>;

const defaultModelFactory: EvalModelFactory = async (spec) => {
  const { chatModelFromEnv } = await import('@aurora-rca/adapters/llm');
  const model = chatModelFromEnv(process.env, { model: spec });
  if (!model)
    throw new AuroraError(
      'INVALID_INPUT',
      `--model ${spec}: no credentials for that provider in the environment`,
    );
  return model;
};

/** `expect.confidence` is an eval extension of the bundle format (the schema drops unknown keys). */
async function expectedConfidence(io: CliIo, dir: string): Promise<Confidence | undefined> {
  let file = dir;
  if ((await stat(dir)).isDirectory()) file = join(dir, 'scenario.json');
  const raw = JSON.parse(await io.readInput(file)) as { expect?: { confidence?: unknown } };
  const parsed = Confidence.safeParse(raw.expect?.confidence);
  return parsed.success ? parsed.data : undefined;
}

/**
 * `aurora eval <scenario-dir>... [--model provider:model]` — replays each scenario bundle
 * (alerts through the real ingest pipeline into memory storage, investigation with recorded
 * tools only — nothing runs live) and prints a JSON array, one object per scenario:
 * `{ name, incidents, rootCause, confidence, citations, suggestions, commandsRun, pass, reasons }`.
 * Without `--model` the rule-based analyst investigates. Exit code 0 when every scenario
 * passes, 1 when one fails, 2 on invalid input.
 */
export function createRegisterEval(modelFactory: EvalModelFactory = defaultModelFactory): RegisterCommand {
  return (program, io, setExit) => {
    program
      .command('eval')
      .description(
        'Replay scenario bundles with recorded tools and check the root cause (JSON array on stdout)',
      )
      .argument('<scenario-dir...>', 'directories holding scenario.json (or the JSON files)')
      .option(
        '--model <provider:model>',
        'investigate with this LLM (keys from the environment) instead of the rule-based analyst',
      )
      .action(async (dirs: string[], flags: EvalFlags) => {
        try {
          const model = flags.model ? await modelFactory(flags.model) : undefined;
          const results: ScenarioOutcome[] = [];
          for (const d of dirs) {
            const dir = isAbsolute(d) ? d : resolve(io.cwd, d);
            const scenario = await loadScenario(dir);
            const expectConfidence = await expectedConfidence(io, dir);
            results.push(
              await replayScenario({
                scenario,
                sources: builtInSources(),
                storage: memoryStorage(),
                tools: recordedTools(scenario.recordings),
                ...(model ? { model } : {}),
                ...(expectConfidence ? { expectConfidence } : {}),
              }),
            );
          }
          io.stdout(`${JSON.stringify(results, null, 2)}\n`);
          setExit(results.every((r) => r.pass) ? 0 : 1);
        } catch (error) {
          const message =
            AuroraError.isInstance(error) || error instanceof Error ? error.message : String(error);
          io.stderr(`aurora eval: ${message.replace(/\s+/g, ' ').trim()}\n`);
          setExit(2);
        }
      });
  };
}

/** `aurora eval` with the default model factory. */
export const registerEval: RegisterCommand = createRegisterEval();
