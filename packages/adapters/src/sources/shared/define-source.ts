import {
  type AlertInput,
  type AlertSource,
  AuroraError,
  type IntegrationAuth,
  type ParseContext,
} from '@aurora-rca/core';
import type { z } from 'zod';
import { verifyIntegrationAuth } from './auth.js';
import { unauthenticated } from './errors.js';
import { type MappingDefaults, type ResolvedMapping, resolveMapping, SourceOptions } from './mapping.js';
import { toIso } from './time.js';

/** What a source's mapping code receives. */
export interface SourceParseContext {
  source: string;
  /** ISO-8601; used where the payload has no time. */
  receivedAt: string;
  headers: Record<string, string>;
  mapping: ResolvedMapping;
}

/** The parts of a source that differ; {@link defineSource} adds verification and the error contract. */
export interface SourceDefinition {
  id: string;
  displayName: string;
  authTypes: readonly IntegrationAuth['type'][];
  /** Default header for `hmac` auth (lower-case). @default 'x-aurora-signature' */
  hmacHeader?: string;
  defaults: MappingDefaults;
  parse(body: unknown, ctx: SourceParseContext): AlertInput[];
}

/** Longest title kept; longer titles are cut with an ellipsis. */
export const MAX_TITLE_LENGTH = 500;

/** Fills `source` and bounds the title; every source builds its alerts through this. */
export function makeAlert(ctx: SourceParseContext, input: Omit<AlertInput, 'source'>): AlertInput {
  const title =
    input.title.length > MAX_TITLE_LENGTH ? `${input.title.slice(0, MAX_TITLE_LENGTH - 1)}…` : input.title;
  return { source: ctx.source, ...input, title };
}

/**
 * Validates factory options strictly.
 * @throws AuroraError `INVALID_INPUT` naming the bad option.
 */
export function parseOptions<S extends z.ZodType>(source: string, schema: S, options: unknown): z.infer<S> {
  const r = schema.safeParse(options ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new AuroraError(
      'INVALID_INPUT',
      `${source}Source options: \`${path}\` ${issue?.message ?? 'is invalid'}`,
      {
        details: { source, field: path },
      },
    );
  }
  return r.data as z.infer<S>;
}

/**
 * Builds an {@link AlertSource} (spec v1) from mapping code: `verify` goes through the shared
 * fail-closed verifier, and `parse` is guarded so that whatever the input, it either returns
 * alerts or throws `AuroraError('INVALID_INPUT')`.
 */
export function defineSource(def: SourceDefinition, options: SourceOptions = {}): AlertSource {
  const opts = parseOptions(def.id, SourceOptions, options);
  const settings = {
    sourceId: def.id,
    authTypes: def.authTypes,
    hmacHeader: def.hmacHeader ?? 'x-aurora-signature',
  };
  // Resolving a mapping merges maps and validates; do it once per mapping object, not per webhook.
  const withoutMapping = resolveMapping(def.id, def.defaults, opts, undefined);
  const resolved = new WeakMap<object, ResolvedMapping>();
  const mappingFor = (m: ParseContext['mapping']): ResolvedMapping => {
    if (m === undefined || m === null) return withoutMapping;
    if (typeof m !== 'object') return resolveMapping(def.id, def.defaults, opts, m);
    let r = resolved.get(m);
    if (!r) {
      r = resolveMapping(def.id, def.defaults, opts, m);
      resolved.set(m, r);
    }
    return r;
  };
  return {
    specificationVersion: 'v1',
    id: def.id,
    displayName: def.displayName,
    authTypes: def.authTypes,
    async verify(request, integration) {
      try {
        await verifyIntegrationAuth(request, integration, settings);
      } catch (error) {
        // Fail closed with the contract's error whatever went wrong (malformed request, no Web Crypto).
        if (AuroraError.isInstance(error)) throw error;
        throw unauthenticated(
          def.id,
          `verification failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    parse(body: unknown, context: ParseContext): AlertInput[] {
      try {
        const mapping = mappingFor(context?.mapping);
        const receivedAt = toIso(context?.receivedAt) ?? new Date().toISOString();
        return def.parse(body, { source: def.id, receivedAt, headers: context?.headers ?? {}, mapping });
      } catch (error) {
        if (AuroraError.isInstance(error) && error.code === 'INVALID_INPUT') throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new AuroraError('INVALID_INPUT', `${def.id} payload could not be parsed: ${reason}`, {
          cause: error,
          details: { source: def.id },
        });
      }
    },
  };
}
