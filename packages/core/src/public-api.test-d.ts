/**
 * Type tests for the public API: compiled by `tsc` in the typecheck step (they run nothing).
 * A wrong inferred type here fails the build before any user sees it.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import type { AuroraClient } from './client/index.js';
import type { Aurora, AuroraOptions } from './engine/index.js';
import { AuroraError, type AuroraErrorCode } from './errors.js';
import type { WebhookAcceptedResponse } from './http/wire.js';
import { createAuroraHandler } from './http/handler.js';
import type { Alert, Incident, IncidentEvent, Severity, Suggestion } from './model/index.js';
import type { Storage, Tool, ToolResult } from './spec/index.js';

// Model types come from their schemas.
expectTypeOf<Incident['status']>().toEqualTypeOf<'investigating' | 'analyzed' | 'resolved' | 'merged'>();
expectTypeOf<Incident['confidence']>().toEqualTypeOf<'confirmed' | 'likely' | 'inconclusive' | null>();
expectTypeOf<Alert['kind']>().toEqualTypeOf<'alert' | 'change'>();
expectTypeOf<Severity>().toEqualTypeOf<'critical' | 'high' | 'medium' | 'low' | 'info' | 'unknown'>();

// Suggestions narrow on `type`.
declare const s: Suggestion;
if (s.type === 'fix') expectTypeOf(s.prUrl).toEqualTypeOf<string | null>();
else expectTypeOf(s.args).toEqualTypeOf<string[]>();

// Events narrow on `type`.
declare const e: IncidentEvent;
if (e.type === 'thought') expectTypeOf(e.thoughts[0]!.seq).toBeNumber();
if (e.type === 'incident.merged') expectTypeOf(e.targetId).toBeString();

// Errors carry a closed set of codes.
expectTypeOf<AuroraError['code']>().toEqualTypeOf<AuroraErrorCode>();
expectTypeOf(AuroraError.isInstance).guards.toEqualTypeOf<AuroraError>();

// A tool's input type flows from its zod schema into `run` and `describe`.
const input = z.object({ query: z.string() });
const tool: Tool<z.infer<typeof input>> = {
  specificationVersion: 'v1',
  name: 'search',
  description: 'search logs',
  input,
  access: 'read',
  describe: (i) => `search ${i.query}`,
  run: async (i) => ({ status: 'ok', output: i.query, command: `search ${i.query}` }),
};
expectTypeOf(tool.run).parameter(0).toEqualTypeOf<{ query: string }>();
expectTypeOf(tool.run).returns.resolves.toEqualTypeOf<ToolResult>();

// createAurora needs a storage; the handler is Web-standard.
expectTypeOf<AuroraOptions['storage']>().toEqualTypeOf<Storage>();
declare const aurora: Aurora;
const handler = createAuroraHandler(aurora, { authenticate: () => null, integrations: [] });
expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
expectTypeOf(aurora.ingestWebhook).returns.resolves.toEqualTypeOf<WebhookAcceptedResponse>();

// The browser client returns the same wire types the handler sends.
declare const client: AuroraClient;
expectTypeOf(client.listIncidents).returns.resolves.toHaveProperty('items').toEqualTypeOf<Incident[]>();
