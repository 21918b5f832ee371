import { isAbsolute, resolve } from 'node:path';
import { builtInSourceRegistry, type SourceRegistry } from '@aurora-rca/adapters/sources';
import {
  AuroraError,
  type CorrelationOptionsInput,
  createEventPublisher,
  createIngestPipeline,
  manualClock,
  resolveCorrelationOptions,
  type SourceMappingOptions,
  sequentialIds,
  staticTopology,
  type TopologyProvider,
} from '@aurora-rca/core';
import { memoryStorage } from '@aurora-rca/storage-memory';
import type { CliIo, RegisterCommand } from '../io.js';

const TENANT = 'replay';

/**
 * `--config` file: correlation options (strict, see `CorrelationOptions`), auto-resolve, and
 * per-source mapping overrides.
 */
export interface ReplayConfig {
  correlation?: CorrelationOptionsInput;
  autoResolve?: boolean;
  mapping?: Record<string, SourceMappingOptions>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check a config file's shape (unknown keys are errors, like every option schema). */
function parseConfig(value: unknown): ReplayConfig {
  if (!isObject(value)) throw new InvalidInput('config must be a JSON object');
  for (const key of Object.keys(value)) {
    if (!['correlation', 'autoResolve', 'mapping'].includes(key))
      throw new InvalidInput(`config: unknown key '${key}'`);
  }
  const { correlation, autoResolve, mapping } = value;
  if (autoResolve !== undefined && typeof autoResolve !== 'boolean')
    throw new InvalidInput('config: autoResolve must be a boolean');
  if (mapping !== undefined && !(isObject(mapping) && Object.values(mapping).every(isObject))) {
    throw new InvalidInput('config: mapping must map source ids to objects');
  }
  if (correlation !== undefined) resolveCorrelationOptions(correlation as CorrelationOptionsInput);
  return value as ReplayConfig;
}

/** One timeline line: `{ "at": "<ISO-8601>", "source": "<source id>", "payload": <webhook body> }`. */
function parseLine(json: unknown): { at: string; source: string; payload: unknown } {
  if (!isObject(json)) throw new Error('a line must be a JSON object');
  const { at, source, payload } = json;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new Error('at: not an ISO-8601 time');
  if (typeof source !== 'string' || source === '') throw new Error('source: missing');
  if (payload === undefined) throw new Error('payload: missing');
  return { at, source, payload };
}

/** What `aurora replay` prints. */
export interface ReplayOutput {
  incidents: Array<{
    id: string;
    title: string;
    status: string;
    severity: string;
    services: string[];
    alerts: Array<{
      line: number;
      fingerprint: string;
      status: string;
      strategy: string | null;
      score: number | null;
    }>;
  }>;
}

/** A timeline line that could not be replayed. */
export interface ReplayLineError {
  line: number;
  message: string;
}

/**
 * Replay a JSONL timeline through the real ingest pipeline on an in-memory engine: the clock
 * is set from each line's `at`, no investigation runs, ids are sequential so two runs of one
 * timeline print the same result.
 */
export async function replayTimeline(
  text: string,
  options: { config?: ReplayConfig; topology?: TopologyProvider; sources?: SourceRegistry } = {},
): Promise<{ output: ReplayOutput; errors: ReplayLineError[] }> {
  const sources = options.sources ?? builtInSourceRegistry();
  const clock = manualClock(0);
  const storage = memoryStorage({ clock });
  const pipeline = createIngestPipeline({
    storage,
    publisher: createEventPublisher(storage.events, undefined),
    clock,
    ids: sequentialIds(),
    ...(options.config?.correlation ? { correlation: options.config.correlation } : {}),
    ...(options.config?.autoResolve !== undefined ? { autoResolve: options.config.autoResolve } : {}),
    ...(options.topology ? { topology: options.topology } : {}),
  });
  const firstLine = new Map<string, number>();
  const errors: ReplayLineError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    try {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (e) {
        throw new Error(`invalid JSON (${(e as Error).message})`);
      }
      const { at, source: sourceId, payload } = parseLine(json);
      const source = sources.require(sourceId);
      const receivedAt = new Date(Date.parse(at)).toISOString();
      const mapping = options.config?.mapping?.[sourceId];
      const alerts = source.parse(payload, { headers: {}, receivedAt, ...(mapping ? { mapping } : {}) });
      clock.set(receivedAt);
      const res = await pipeline.ingest({ tenantId: TENANT, integrationId: sourceId, alerts });
      for (const a of res.alerts) if (!firstLine.has(a.id)) firstLine.set(a.id, lineNo);
    } catch (error) {
      errors.push({ line: lineNo, message: oneLine((error as Error).message) });
    }
  }

  const all = [];
  let cursor: string | null = null;
  do {
    const page = await storage.incidents.list(TENANT, { includeMerged: true, limit: 500, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const output: ReplayOutput = { incidents: [] };
  for (const incident of all) {
    const alerts = await storage.alerts.listByIncident(TENANT, incident.id);
    output.incidents.push({
      id: incident.id,
      title: incident.title,
      status: incident.status,
      severity: incident.severity,
      services: incident.affectedServices,
      alerts: alerts
        .map((a) => ({
          line: firstLine.get(a.id) ?? 0,
          fingerprint: a.fingerprint,
          status: a.status,
          strategy: a.correlation?.strategy ?? null,
          score: a.correlation?.score ?? null,
        }))
        .sort((a, b) => a.line - b.line),
    });
  }
  await storage.close();
  return { output, errors };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

async function readJsonFile(io: CliIo, file: string, what: string): Promise<unknown> {
  const path = file === '-' || isAbsolute(file) ? file : resolve(io.cwd, file);
  let text: string;
  try {
    text = await io.readInput(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InvalidInput(`cannot read ${what} ${file}${code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInput(`${what} ${file} is not valid JSON`);
  }
}

/** A failure reported as one line on stderr with exit code 2. */
class InvalidInput extends Error {}

/**
 * `aurora replay <timeline.jsonl> [--config file] [--topology file]` — runs a recorded
 * timeline (`{ "at", "source", "payload" }` per line) through correlation and prints the
 * resulting incidents as JSON. A line that fails is reported on stderr with its 1-based
 * number and the run continues; the exit code is then 1. An unreadable timeline or an invalid
 * config or topology exits 2.
 */
export const registerReplay: RegisterCommand = (program, io, setExit) => {
  program
    .command('replay')
    .description('Replay a JSONL alert timeline through correlation and print the incidents (JSON)')
    .argument('<timeline>', 'JSONL file, one {"at","source","payload"} per line, or - for standard input')
    .option(
      '--config <file>',
      'JSON: { "correlation": {...}, "autoResolve": true, "mapping": { "<source>": {...} } }',
    )
    .option('--topology <file>', 'JSON: { "dependencies": { "<service>": ["<service it calls>", ...] } }')
    .action(async (file: string, flags: { config?: string; topology?: string }) => {
      try {
        let config: ReplayConfig | undefined;
        if (flags.config !== undefined) {
          config = parseConfig(await readJsonFile(io, flags.config, 'config'));
        }
        const topology =
          flags.topology !== undefined
            ? staticTopology((await readJsonFile(io, flags.topology, 'topology')) as never)
            : undefined;
        const path = file === '-' || isAbsolute(file) ? file : resolve(io.cwd, file);
        let text: string;
        try {
          text = await io.readInput(path);
        } catch (e) {
          const code = (e as { code?: string }).code;
          throw new InvalidInput(
            `cannot read ${file === '-' ? 'standard input' : file}${code ? ` (${code})` : ''}`,
          );
        }
        const { output, errors } = await replayTimeline(text, {
          ...(config ? { config } : {}),
          ...(topology ? { topology } : {}),
        });
        for (const e of errors) io.stderr(`aurora replay: line ${e.line}: ${e.message}\n`);
        io.stdout(`${JSON.stringify(output, null, 2)}\n`);
        if (errors.length > 0) setExit(1);
      } catch (error) {
        if (error instanceof InvalidInput || AuroraError.isInstance(error)) {
          io.stderr(`aurora replay: ${oneLine(error.message)}\n`);
          setExit(2);
          return;
        }
        throw error;
      }
    });
};
