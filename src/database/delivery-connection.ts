// The instance's delivery session: one dedicated PostgreSQL connection that LISTENs for outbox
// hints and on which the sequencer takes its lock and works. After a lost connection (a database
// restart) it reconnects with exponential backoff; hints sent meanwhile are lost, so each reconnect
// is announced — the outbox, not the hint, is the truth.
import pg from 'pg';
import type { Logger } from 'pino';
import type { SqlSession } from '../runtime/drivers/outbox-sequencing.js';
import { queryFor } from './prepared-statements.js';
import { sessionOptions } from './app-role.js';

const BACKOFF = { initialMs: 100, maxMs: 5_000 } as const;

/** How the session shows in pg_stat_activity: `governance-delivery:<pid of the server process>`. */
export const DELIVERY_APPLICATION_NAME = `governance-delivery:${process.pid}`;

/** What the session tells its owner. */
export interface DeliveryConnectionEvents {
  /** A NOTIFY on one of the channels, with its payload. */
  onHint(channel: string, payload: string | undefined): void;
  /** A new session is up, its channels listened to (after start and after every reconnect). */
  onConnected(session: SqlSession): void;
  /** The session is gone (a reconnect follows unless stopped). */
  onLost(): void;
}

/** A running delivery session. */
export interface DeliveryConnection {
  stop(): Promise<void>;
}

/** Opens the session, LISTENs on `channels`, and keeps it open until stopped. */
export function openDeliveryConnection(databaseUrl: string, channels: readonly string[], events: DeliveryConnectionEvents, logger: Logger): DeliveryConnection {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay: number = BACKOFF.initialMs;
  let reconnectTimer: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: DELIVERY_APPLICATION_NAME, options: sessionOptions('delivery') });
    next.on('notification', (message) => events.onHint(message.channel, message.payload));
    next.on('error', (error) => logger.warn({ err: error }, 'delivery connection error'));
    next.on('end', () => {
      if (client === next) {
        client = null;
        events.onLost();
      }
      scheduleReconnect();
    });
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${channel}`);
      if (stopped) return void (await next.end());
      client = next;
      delay = BACKOFF.initialMs;
      events.onConnected({ query: async (sql, parameters) => (await next.query(queryFor(sql, parameters))).rows });
    } catch (error) {
      logger.warn({ err: error, retryInMs: delay }, 'delivery connection could not connect');
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
