import pg from 'pg';

/** How the listener gets its dedicated connection. */
export type ListenerConnection = { connectionString: string } | { pool: pg.Pool };

export interface NotificationListenerOptions {
  connection: ListenerConnection;
  channels: string[];
  onNotification(channel: string, payload: string): void;
  /** Called after a lost connection is re-established (not on the first connect): catch up on what was missed. */
  onReconnect?(): void;
  onError?(error: unknown): void;
  /** First reconnect delay; doubles up to 5 s. @default 100 */
  retryDelayMs?: number;
}

/** Channel names are quoted identifiers in LISTEN; only plain names are accepted. */
export function assertChannel(channel: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(channel))
    throw new Error(`Invalid NOTIFY channel name: ${channel}`);
  return channel;
}

/**
 * A LISTEN connection that survives restarts of the database or a killed backend: on error
 * or end it reconnects with backoff, re-issues LISTEN and calls `onReconnect`.
 * Each instance holds one connection for its whole life (a pool client is never returned).
 */
export class NotificationListener {
  readonly #options: NotificationListenerOptions;
  #client: pg.Client | pg.PoolClient | undefined;
  #release: ((error?: Error) => void) | undefined;
  #closed = false;
  #connecting: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #delay: number;
  #connectedOnce = false;

  constructor(options: NotificationListenerOptions) {
    this.#options = options;
    this.#delay = options.retryDelayMs ?? 100;
    for (const channel of options.channels) assertChannel(channel);
  }

  /** Connect and LISTEN; resolves once notifications flow. Retries in the background on failure after the first success. */
  start(): Promise<void> {
    this.#connecting ??= this.#connect();
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    const { connection } = this.#options;
    let client: pg.Client | pg.PoolClient;
    if ('pool' in connection) {
      const pooled = await connection.pool.connect();
      client = pooled;
      this.#release = (error) => pooled.release(error ?? true);
    } else {
      const own = new pg.Client({
        connectionString: connection.connectionString,
        application_name: 'aurora-listen',
      });
      client = own;
      this.#release = () => {
        own.end().catch(() => {});
      };
      await own.connect();
    }
    if (this.#closed) {
      this.#release?.();
      return;
    }
    client.on('notification', (message) => {
      this.#options.onNotification(message.channel, message.payload ?? '');
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('LISTEN connection ended')));
    for (const channel of this.#options.channels) await client.query(`LISTEN ${channel}`);
    this.#client = client;
    this.#delay = this.#options.retryDelayMs ?? 100;
    if (this.#connectedOnce) this.#options.onReconnect?.();
    this.#connectedOnce = true;
  }

  #lost(client: pg.Client | pg.PoolClient, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    const release = this.#release;
    this.#release = undefined;
    release?.(error instanceof Error ? error : new Error(String(error)));
    if (this.#closed) return;
    this.#options.onError?.(error);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect().catch((error) => {
        this.#options.onError?.(error);
        this.#delay = Math.min(this.#delay * 2, 5000);
        this.#schedule();
      });
    }, this.#delay);
  }

  /** Stop listening and release the connection. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#connecting?.catch(() => {});
    const client = this.#client;
    const release = this.#release;
    this.#client = undefined;
    this.#release = undefined;
    if (client) await client.query('UNLISTEN *').catch(() => {});
    release?.();
  }
}
