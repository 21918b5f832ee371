import type { IncidentEvent } from '../model/event.js';
import type { Incident } from '../model/incident.js';
import type { IncidentStatus } from '../model/lifecycle.js';
import { type AuroraApi, createApi, type ListIncidentsParams } from './api.js';
import { ChatStore } from './chat-store.js';
import type { ReconnectOptions } from './event-stream.js';
import { IncidentStore } from './incident-store.js';
import { IncidentsStore } from './incidents-store.js';
import type { LiveOptions } from './live-query.js';
import { MutationStore } from './mutation.js';
import { StreamHub, type StreamListener } from './stream-hub.js';
import { createTransport, type TransportOptions } from './transport.js';

/** Options of {@link createAuroraClient}. */
export interface AuroraClientOptions extends TransportOptions, LiveOptions {
  /** Event-stream reconnection policy. */
  reconnect?: ReconnectOptions;
  /** How long a store keeps its connection after its last subscriber leaves. @default 1000 */
  idleDelayMs?: number;
}

/**
 * The browser-safe Aurora client: a method per HTTP route, live event streams, and cached
 * subscribable stores (the same params return the same store) that UI bindings read.
 */
export interface AuroraClient extends AuroraApi {
  /** Listens to the tenant's incident-list stream (`/api/incidents/stream`). Returns the stop function. */
  streamIncidents(listener: StreamListener): () => void;
  /** Listens to one incident's stream (`/api/incidents/:id/stream`). Returns the stop function. */
  streamIncident(incidentId: string, listener: StreamListener): () => void;
  /** The live incident list for these filters. */
  incidents(params?: ListIncidentsParams): IncidentsStore;
  /** One incident's live detail. */
  incident(incidentId: string): IncidentStore;
  /** One incident's chat. */
  chat(incidentId: string): ChatStore;
  /** Merges `sourceId` into `targetId` and updates every cached store with both incidents. */
  merge(sourceId: string, targetId: string): ReturnType<AuroraApi['mergeIncident']>;
  /** A mutation store for `useMutation`-style UI state. */
  mutation<TData, TVariables>(
    fn: (variables: TVariables) => Promise<TData>,
  ): MutationStore<TData, TVariables>;
  /** Pushes an incident returned by a mutation into every cached store that shows it. */
  publishIncident(incident: Incident): void;
  /** Closes every stream and stops every store. */
  close(): void;
}

function listKey(params: ListIncidentsParams): string {
  const status =
    params.status === undefined ? '' : ([] as IncidentStatus[]).concat(params.status).sort().join(',');
  return `${status}|${params.limit ?? ''}`;
}

/**
 * Creates a client.
 *
 * @example
 * ```ts
 * const aurora = createAuroraClient({ baseUrl: 'https://ops.example.com', getToken: () => session.token });
 * const { items } = await aurora.listIncidents({ status: 'investigating' });
 * const store = aurora.incident(items[0].id);
 * const stop = store.subscribe(() => console.log(store.getSnapshot().data?.thoughts.length));
 * ```
 */
export function createAuroraClient(options: AuroraClientOptions): AuroraClient {
  const transport = createTransport(options);
  const api = createApi(transport);
  const hub = new StreamHub(transport, options.reconnect);
  const live: LiveOptions & { idleDelayMs?: number } = {
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.openTimeoutMs !== undefined ? { openTimeoutMs: options.openTimeoutMs } : {}),
    ...(options.idleDelayMs !== undefined ? { idleDelayMs: options.idleDelayMs } : {}),
  };
  const lists = new Map<string, IncidentsStore>();
  const details = new Map<string, IncidentStore>();
  const chats = new Map<string, ChatStore>();

  const publishIncident = (incident: Incident): void => {
    const event = {
      id: '',
      tenantId: incident.tenantId,
      incidentId: incident.id,
      at: incident.updatedAt,
      type: 'incident.updated',
      incident,
      changes: [],
    } satisfies IncidentEvent;
    for (const store of lists.values()) store.applyEvents([event]);
    details.get(incident.id)?.applyEvents([event]);
  };

  const client: AuroraClient = {
    ...api,
    async updateIncident(id, patch, o) {
      const result = await api.updateIncident(id, patch, o);
      publishIncident(result.incident);
      return result;
    },
    async mergeIncident(id, targetId, o) {
      const result = await api.mergeIncident(id, targetId, o);
      publishIncident(result.source);
      publishIncident(result.target);
      return result;
    },
    merge: (sourceId, targetId) => client.mergeIncident(sourceId, targetId),
    streamIncidents: (listener) => hub.listen('/api/incidents/stream', listener),
    streamIncident: (id, listener) => hub.listen(`/api/incidents/${encodeURIComponent(id)}/stream`, listener),
    incidents(params = {}) {
      const key = listKey(params);
      let store = lists.get(key);
      if (!store) {
        store = new IncidentsStore(params, api, hub, live);
        lists.set(key, store);
      }
      return store;
    },
    incident(id) {
      let store = details.get(id);
      if (!store) {
        store = new IncidentStore(id, api, hub, live);
        details.set(id, store);
      }
      return store;
    },
    chat(id) {
      let store = chats.get(id);
      if (!store) {
        store = new ChatStore(id, api, hub, client.incident(id), live.idleDelayMs);
        chats.set(id, store);
      }
      return store;
    },
    mutation: (fn) => new MutationStore(fn),
    publishIncident,
    close() {
      for (const store of [...lists.values(), ...details.values(), ...chats.values()]) store.stop();
      hub.closeAll();
    },
  };
  return client;
}
