/**
 * LISTEN on one dedicated connection (a pooled one would be handed to other queries and lose the LISTEN), and
 * reconnect when it drops. Notifications sent while it was down are lost, so after a reconnect `onReconnect`
 * lets the store tell its listeners to re-read (they resume from their last seq, so nothing is missed).
 */
import pg from 'pg';

export const CHANNEL = 'meshdojo_workshop_events';

export interface NotificationListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly url: string;
  readonly onNotify: (workshopId: string) => void;
  readonly onReconnect: () => void;
  /** Wait before reconnecting (grows to 5 s while the database stays away). */
  readonly retryMs?: number;
}

export async function listenForEvents(options: ListenOptions): Promise<NotificationListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = options.retryMs ?? 100;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) options.onNotify(message.payload);
    });
    next.on('error', () => drop(next));
    next.on('end', () => drop(next));
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    client = next;
  }

  function drop(dead: pg.Client): void {
    if (client !== dead || closed) return;
    client = undefined;
    dead.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(
        () => {
          retryMs = options.retryMs ?? 100;
          options.onReconnect();
        },
        () => {
          retryMs = Math.min(retryMs * 2, 5000);
          scheduleReconnect();
        },
      );
    }, retryMs);
    timer.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
