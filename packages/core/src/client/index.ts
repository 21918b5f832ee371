/**
 * `@aurora-rca/core/client`: the browser-safe typed client. Nothing here imports Node
 * built-ins or runtime zod schemas (types only), so it bundles small for the browser.
 */

// Re-exported so browser code needs only this entry point.
export { AuroraError, type AuroraErrorCode } from '../errors.js';
export type * from '../http/wire.js';
export type * from '../model/index.js';
export type { AskChatParams, AuroraApi, CallOptions, ListIncidentsParams } from './api.js';
export { type ChatState, ChatStore, type PendingApproval } from './chat-store.js';
export { type AuroraClient, type AuroraClientOptions, createAuroraClient } from './create-client.js';
export { errorFromResponse, toAuroraError } from './errors.js';
export {
  type EventStreamHandle,
  type EventStreamOptions,
  type EventStreamState,
  openEventStream,
  type ReconnectOptions,
} from './event-stream.js';
export { applyIncidentEvent, reconcileDetail } from './incident-reducer.js';
export { type IncidentState, IncidentStore, type SuggestionActionState } from './incident-store.js';
export { compareIncidents, type IncidentsState, IncidentsStore } from './incidents-store.js';
export type { LiveOptions, LiveState } from './live-query.js';
export { type MutationState, MutationStore } from './mutation.js';
export { type ReadSseOptions, readSse, type SseMessage } from './sse-parser.js';
export { type Listener, type ReadableStore, Store } from './store.js';
export type { StreamListener } from './stream-hub.js';
export type { MaybePromise, TransportOptions } from './transport.js';
