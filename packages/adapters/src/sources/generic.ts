import type { AlertInput, AlertSource, AlertStatus } from '@aurora-rca/core';
import { AlertKind } from '@aurora-rca/core';
import { z } from 'zod';
import { defineSource, makeAlert, parseOptions, type SourceParseContext } from './shared/define-source.js';
import { invalidInput } from './shared/errors.js';
import { getPath, parsePath } from './shared/field-path.js';
import { isRecord, labelsHash, pickLabel, str, toLabels } from './shared/fields.js';
import { DEFAULT_ENVIRONMENT_LABELS, lookupSeverity, SourceOptions } from './shared/mapping.js';
import { toIso } from './shared/time.js';

const PathSpec = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Where each alert field is read from: one path or candidates tried in order. */
export const GenericPaths = z.strictObject({
  /** Array to fan out (one alert per element; other paths are then relative to the element). */
  alerts: z.string().min(1).optional(),
  title: PathSpec.optional(),
  description: PathSpec.optional(),
  severity: PathSpec.optional(),
  status: PathSpec.optional(),
  service: PathSpec.optional(),
  environment: PathSpec.optional(),
  /** An object whose entries become labels. */
  labels: PathSpec.optional(),
  startedAt: PathSpec.optional(),
  endedAt: PathSpec.optional(),
  url: PathSpec.optional(),
  /** Stable dedup key; a hash of title + service + labels when absent. */
  fingerprint: PathSpec.optional(),
  sourceAlertId: PathSpec.optional(),
  /** Boolean marking a test notification. */
  test: PathSpec.optional(),
  /** `alert` or `change`. */
  kind: PathSpec.optional(),
});
export type GenericPaths = z.infer<typeof GenericPaths>;

/** Paths used when none are configured. */
export const DEFAULT_GENERIC_PATHS: Readonly<Required<Omit<GenericPaths, 'alerts'>>> = {
  title: ['title', 'name', 'summary'],
  description: ['description', 'message', 'details'],
  severity: ['severity', 'priority', 'level'],
  status: ['status', 'state'],
  service: ['service'],
  environment: ['environment', 'env'],
  labels: ['labels', 'tags'],
  startedAt: ['startedAt', 'started_at', 'timestamp', 'time'],
  endedAt: ['endedAt', 'ended_at'],
  url: ['url', 'link'],
  fingerprint: ['fingerprint', 'dedup_key', 'id'],
  sourceAlertId: ['id'],
  test: ['test'],
  kind: ['kind'],
};

/** Status words meaning resolved (lower-case). Anything else is firing. */
export const DEFAULT_RESOLVED_VALUES: readonly string[] = [
  'resolved',
  'ok',
  'closed',
  'recovered',
  'clear',
  'cleared',
  'inactive',
  'false',
];

/** Options of {@link genericSource}. */
export const GenericSourceOptions = SourceOptions.extend({
  paths: GenericPaths.optional(),
  /** Status values that mean resolved (case-insensitive). @default DEFAULT_RESOLVED_VALUES */
  resolvedValues: z.array(z.string()).optional(),
});
export type GenericSourceOptions = z.input<typeof GenericSourceOptions>;

/** Integration-level `mapping` keys this source reads, besides the common ones. */
const GenericMapping = z.looseObject({
  paths: GenericPaths.optional(),
  resolvedValues: z.array(z.string()).optional(),
});

type Compiled = Record<keyof typeof DEFAULT_GENERIC_PATHS, (string | number)[][]> & {
  alerts?: (string | number)[];
};

function compile(source: string, paths: GenericPaths): Compiled {
  const one = (field: string, p: string) => {
    const parsed = parsePath(p);
    if (!parsed)
      throw invalidInput(source, `mapping.paths.${field}`, `path \`${p}\` for ${field} is malformed`);
    return parsed;
  };
  const out = {} as Compiled;
  for (const field of Object.keys(DEFAULT_GENERIC_PATHS) as (keyof typeof DEFAULT_GENERIC_PATHS)[]) {
    const spec = paths[field] ?? DEFAULT_GENERIC_PATHS[field];
    out[field] = (Array.isArray(spec) ? spec : [spec]).map((p) => one(field, p));
  }
  if (paths.alerts) out.alerts = one('alerts', paths.alerts);
  return out;
}

function read(obj: unknown, candidates: (string | number)[][]): unknown {
  for (const c of candidates) {
    const v = getPath(obj, c);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function mapOne(
  item: unknown,
  where: string,
  paths: Compiled,
  resolved: ReadonlySet<string>,
  ctx: SourceParseContext,
): AlertInput {
  const title = str(read(item, paths.title));
  if (title === undefined) throw invalidInput(ctx.source, `${where}title`);
  const statusWord = str(read(item, paths.status))?.toLowerCase();
  const status: AlertStatus = statusWord !== undefined && resolved.has(statusWord) ? 'resolved' : 'firing';
  const labelsValue = read(item, paths.labels);
  const labels = Array.isArray(labelsValue) ? {} : toLabels(labelsValue);
  const service = str(read(item, paths.service)) ?? pickLabel(labels, ctx.mapping.serviceLabels);
  const fp = str(read(item, paths.fingerprint));
  const kind = AlertKind.safeParse(str(read(item, paths.kind)));
  const startedAt = toIso(read(item, paths.startedAt));
  const testValue = read(item, paths.test);
  return makeAlert(ctx, {
    sourceAlertId: str(read(item, paths.sourceAlertId)) ?? null,
    fingerprint: `generic:${fp ?? `hash:${labelsHash({ ...labels, '\u0000title': title, '\u0000service': service ?? '' })}`}`,
    title,
    description: str(read(item, paths.description)) ?? '',
    severity: lookupSeverity(str(read(item, paths.severity)), ctx.mapping) ?? ctx.mapping.defaultSeverity,
    status,
    service: service ?? null,
    environment: str(read(item, paths.environment)) ?? pickLabel(labels, ctx.mapping.environmentLabels),
    labels,
    startedAt: startedAt ?? ctx.receivedAt,
    endedAt: status === 'resolved' ? (toIso(read(item, paths.endedAt)) ?? ctx.receivedAt) : null,
    url: str(read(item, paths.url)) ?? null,
    kind: kind.success ? kind.data : 'alert',
    test: testValue === true || testValue === 'true',
    raw: item,
  });
}

/**
 * A JSON webhook from anything else, with configurable field paths. Paths are set on the
 * factory and can be overridden per integration through `mapping.paths`.
 *
 * @example
 * ```ts
 * const source = genericSource({
 *   paths: { alerts: 'events', title: 'alert.name', severity: 'alert.level', fingerprint: 'alert.key' },
 *   resolvedValues: ['closed'],
 * });
 * ```
 */
export function genericSource(options: GenericSourceOptions = {}): AlertSource {
  const {
    paths: factoryPaths,
    resolvedValues: factoryResolved,
    ...common
  } = parseOptions('generic', GenericSourceOptions, options);
  const compiledDefault = compile('generic', factoryPaths ?? {});
  return defineSource(
    {
      id: 'generic',
      displayName: 'Generic JSON',
      authTypes: ['hmac', 'bearer', 'basic', 'header'],
      defaults: {
        severityMap: {},
        serviceLabels: ['service', 'app'],
        environmentLabels: DEFAULT_ENVIRONMENT_LABELS,
      },
      parse(body, ctx) {
        const extra = GenericMapping.safeParse(ctx.mapping.extra);
        if (!extra.success) {
          const path = extra.error.issues[0]?.path.join('.') ?? '';
          throw invalidInput(
            ctx.source,
            `mapping.${path}`,
            `integration mapping option \`mapping.${path}\` is invalid`,
          );
        }
        const paths = extra.data.paths
          ? compile(ctx.source, { ...factoryPaths, ...extra.data.paths })
          : compiledDefault;
        const resolved = new Set(
          (extra.data.resolvedValues ?? factoryResolved ?? DEFAULT_RESOLVED_VALUES).map((v) =>
            v.toLowerCase(),
          ),
        );
        if (paths.alerts) {
          const items = getPath(body, paths.alerts);
          const name = (extra.data.paths?.alerts ?? factoryPaths?.alerts) as string;
          if (!Array.isArray(items)) throw invalidInput(ctx.source, name);
          return items.map((item, i) => mapOne(item, `${name}[${i}].`, paths, resolved, ctx));
        }
        if (Array.isArray(body)) return body.map((item, i) => mapOne(item, `[${i}].`, paths, resolved, ctx));
        if (!isRecord(body)) throw invalidInput(ctx.source, '(body)', 'expected a JSON object or array');
        return [mapOne(body, '', paths, resolved, ctx)];
      },
    },
    common,
  );
}
