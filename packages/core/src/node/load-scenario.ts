import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuroraError } from '../errors.js';
import { ScenarioBundle } from '../testing/recorded/scenario.js';

/**
 * Reads a scenario bundle: a directory holding `scenario.json`, or the JSON file itself.
 *
 * @example
 * ```ts
 * const scenario = await loadScenario('examples/scenarios/crashloop');
 * const tools = recordedTools(scenario.recordings);
 * ```
 * @throws AuroraError `NOT_FOUND` when there is no file, `INVALID_INPUT` when it is not a valid bundle.
 */
export async function loadScenario(path: string): Promise<ScenarioBundle> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, 'scenario.json');
  } catch (cause) {
    throw new AuroraError('NOT_FOUND', `scenario ${path} not found`, { cause, details: { path } });
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuroraError('NOT_FOUND', `scenario file ${file} not found`, { cause, details: { path: file } });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AuroraError('INVALID_INPUT', `${file} is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = ScenarioBundle.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AuroraError('INVALID_INPUT', `${file} is not a valid scenario bundle: ${issues}`, {
      cause: parsed.error,
      details: { path: file },
    });
  }
  return parsed.data;
}
