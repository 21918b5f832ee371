import {
  AuroraError,
  type EventBus,
  type EventFilter,
  type EventLogRepository,
  type IncidentEvent,
  matchesFilter,
} from '@aurora-rca/core';
import type pg from 'pg';
import { z } from 'zod';
import { PostgresConnectionOptions, resolvePool } from '../connection.js';
import { assertChannel, NotificationListener } from '../listener.js';
import { toAuroraError } from '../storage/errors.js';

export const PgEventBusOptions = PostgresConnectionOptions.extend({
  /** The event log the published events are stored in; large events are read back from it. */
  storage: z.custom<{ events: EventLogRepository; pool?: pg.Pool }>(
    (v) => typeof (v as { events?: { get?: unknown } } | undefined)?.events?.get === 'function',
    { message: 'expected a Storage' },
  ),
  /** NOTIFY channel. Use one per Aurora installation sharing a database. @default 'aurora_events' */
  channel: z.string().optional(),
  /**
   * Events whose JSON is larger than this travel as a reference (tenant + id) and are read from
   * the event log; PostgreSQL caps a NOTIFY payload at 8000 bytes. @default 7000
   */
  maxInlineBytes: z.number().int().min(0).max(7900).optional(),
  /**
   * `eager` opens the LISTEN connection at once, so SSE clients connecting right after start-up
   * miss nothing; `lazy` waits for the first `subscribe` (publish-only processes). @default 'eager'
   */
  listen: z.enum(['eager', 'lazy']).optional(),
  /** Background errors (lost LISTEN connection, failed reads). @default ignore */
  onError: z.custom<(error: unknown) => void>((v) => typeof v === 'function').optional(),
  /** A subscriber threw; the others still get the event. @default ignore */
  onListenerError: z
    .custom<(error: unknown, event: IncidentEvent) => void>((v) => typeof v === 'function')
    .optional(),
}).strict();
export type PgEventBusOptions = z.input<typeof PgEventBusOptions>;

/** The LISTEN/NOTIFY bus; `ready()` resolves once this process is listening (and starts listening if lazy). */
export interface PgEventBus extends EventBus {
  ready(): Promise<void>;
}

/** What travels in a NOTIFY: enough to route without a read, plus the event when it fits. */
interface Envelope {
  t: string;
  i: string;
  n: string | null;
  y: IncidentEvent['type'];
  e?: IncidentEvent;
}

interface Subscriber {
  filter: EventFilter;
  listener: (event: IncidentEvent) => void;
}

/** Ids remembered per tenant to drop a redelivery (live NOTIFY racing a reconnect catch-up). */
const RECENT_IDS = 2000;

/**
 * {@link EventBus} across processes on PostgreSQL LISTEN/NOTIFY: an event published by a
 * worker reaches SSE subscribers of every API process.
 *
 * - Small events travel inside the NOTIFY; larger ones carry only tenant and id and are read
 *   with `storage.events.get`, so `publish` must come after the event is committed to the log
 *   (as `createEventPublisher` does).
 * - Only subscribers of the event's tenant whose filter matches get it; events of a tenant
 *   nobody here subscribes to are dropped without a read. Per tenant, delivery keeps NOTIFY order.
 * - The LISTEN connection reconnects with backoff; after a reconnect the events missed in
 *   between are read from the log (after the newest id seen per tenant) and delivered once.
 *
 * @example
 * ```ts
 * const bus = pgEventBus({ connectionString: process.env.DATABASE_URL, storage });
 * const off = bus.subscribe(tenantId, { incidentId }, (event) => sse.send(event));
 * ```
 */
export function pgEventBus(options: PgEventBusOptions): PgEventBus {
  const parsed = PgEventBusOptions.parse(options);
  const channel = assertChannel(parsed.channel ?? 'aurora_events');
  const maxInlineBytes = parsed.maxInlineBytes ?? 7000;
  const onError = parsed.onError ?? (() => {});
  const events = parsed.storage.events;
  const connection =
    parsed.pool || parsed.connectionString
      ? parsed
      : parsed.storage.pool
        ? { pool: parsed.storage.pool }
        : parsed;
  const { pool, owned } = resolvePool(connection, 'aurora-events');

  const subscribers = new Map<string, Set<Subscriber>>();
  const chains = new Map<string, Promise<void>>();
  const recent = new Map<string, Set<string>>();
  const newest = new Map<string, number>();
  let listener: NotificationListener | undefined;
  let listening: Promise<void> | undefined;
  let closed = false;

  const seen = (tenantId: string, id: string): boolean => {
    let ids = recent.get(tenantId);
    if (!ids) {
      ids = new Set();
      recent.set(tenantId, ids);
    }
    if (ids.has(id)) return true;
    ids.add(id);
    if (ids.size > RECENT_IDS) ids.delete(ids.values().next().value as string);
    const n = Number(id);
    if (Number.isSafeInteger(n) && n > (newest.get(tenantId) ?? 0)) newest.set(tenantId, n);
    return false;
  };

  const deliver = (event: IncidentEvent) => {
    const subs = subscribers.get(event.tenantId);
    if (!subs || seen(event.tenantId, event.id)) return;
    for (const sub of [...subs]) {
      if (!matchesFilter(event, sub.filter)) continue;
      try {
        sub.listener(event);
      } catch (error) {
        parsed.onListenerError?.(error, event);
      }
    }
  };

  /** Run tenant work in arrival order, even when some of it needs a read. */
  const enqueue = (tenantId: string, work: () => Promise<void>) => {
    const next = (chains.get(tenantId) ?? Promise.resolve()).then(work).catch(onError);
    chains.set(tenantId, next);
    void next.then(() => {
      if (chains.get(tenantId) === next) chains.delete(tenantId);
    });
  };

  /** Read an event that travelled by reference; retry briefly in case its commit is still in flight. */
  const read = async (tenantId: string, id: string): Promise<IncidentEvent | null> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const event = await events.get(tenantId, id);
      if (event) return event;
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
    onError(new AuroraError('NOT_FOUND', `Event ${id} of tenant ${tenantId} is not in the event log`));
    return null;
  };

  const interested = (envelope: Envelope): boolean => {
    const subs = subscribers.get(envelope.t);
    if (!subs) return false;
    const probe = { incidentId: envelope.n, type: envelope.y } as IncidentEvent;
    for (const sub of subs) if (matchesFilter(probe, sub.filter)) return true;
    return false;
  };

  const onNotification = (_channel: string, payload: string) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch (error) {
      onError(error);
      return;
    }
    if (!interested(envelope)) return;
    enqueue(envelope.t, async () => {
      const event = envelope.e ?? (await read(envelope.t, envelope.i));
      if (event && event.tenantId === envelope.t) deliver(event);
    });
  };

  /** After a reconnect: deliver what was logged while the connection was down. */
  const catchUp = () => {
    for (const tenantId of subscribers.keys()) {
      const after = newest.get(tenantId);
      if (after === undefined) continue;
      enqueue(tenantId, async () => {
        let afterId = String(after);
        for (;;) {
          const missed = await events.listAfter(tenantId, { afterId, limit: 500 });
          for (const event of missed) deliver(event);
          const last = missed[missed.length - 1];
          if (!last || missed.length < 500) break;
          afterId = last.id;
        }
      });
    }
  };

  const listen = (): Promise<void> => {
    if (!listening) {
      listener = new NotificationListener({
        connection: parsed.connectionString ? { connectionString: parsed.connectionString } : { pool },
        channels: [channel],
        onNotification,
        onReconnect: catchUp,
        onError,
      });
      listening = listener.start().catch((error: unknown) => {
        listening = undefined;
        listener = undefined;
        throw toAuroraError(error);
      });
    }
    return listening;
  };

  if ((parsed.listen ?? 'eager') === 'eager') listen().catch(onError);

  return {
    specificationVersion: 'v1',

    async publish(event) {
      if (closed) return;
      const envelope: Envelope = {
        t: event.tenantId,
        i: event.id,
        n: event.incidentId,
        y: event.type,
        e: event,
      };
      let payload = JSON.stringify(envelope);
      if (Buffer.byteLength(payload, 'utf8') > maxInlineBytes) {
        delete envelope.e;
        payload = JSON.stringify(envelope);
      }
      try {
        await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
      } catch (error) {
        throw toAuroraError(error);
      }
    },

    subscribe(tenantId, filter, listenerFn) {
      if (closed) return () => {};
      const sub: Subscriber = { filter, listener: listenerFn };
      let subs = subscribers.get(tenantId);
      if (!subs) {
        subs = new Set();
        subscribers.set(tenantId, subs);
      }
      subs.add(sub);
      listen().catch(onError);
      return () => {
        const current = subscribers.get(tenantId);
        current?.delete(sub);
        if (current?.size === 0) subscribers.delete(tenantId);
      };
    },

    ready: () => listen(),

    async close() {
      if (closed) return;
      closed = true;
      subscribers.clear();
      await listener?.close();
      if (owned) await pool.end();
    },
  };
}
