// The instance's one LISTEN connection: every NOTIFY on the outbox channel wakes the reader. After a
// lost connection (a database restart) it reconnects with exponential backoff and wakes the reader,
// since hints sent meanwhile are lost — the outbox, not the hint, is the truth.
import pg from 'pg';
import type { Logger } from 'pino';
import { OUTBOX_CHANNEL } from '../runtime/outbox-flush.js';

const BACKOFF = { initialMs: 100, maxMs: 5_000 } as const;

/** A running listener. */
export interface OutboxListener {
  stop(): Promise<void>;
}

/** Listens on the outbox channel; calls `onHint` for each notification and after each reconnect. */
export function listenForOutboxHints(databaseUrl: string, onHint: () => void, logger: Logger): OutboxListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay: number = BACKOFF.initialMs;
  let reconnectTimer: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', onHint);
    next.on('error', (error) => logger.warn({ err: error }, 'outbox listener connection error'));
    next.on('end', () => {
      if (client === next) client = null;
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (stopped) return void (await next.end());
      client = next;
      delay = BACKOFF.initialMs;
      onHint();
    } catch (error) {
      logger.warn({ err: error, retryInMs: delay }, 'outbox listener could not connect');
      next.removeAllListeners('end');
      void next.end().catch(() => {});
      scheduleReconnect();
    }
  };

  const scheduleReconnect = () => {
    if (stopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, BACKOFF.maxMs);
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
