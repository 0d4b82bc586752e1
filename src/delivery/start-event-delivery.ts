// Composes this instance's event delivery: one hub, one outbox reader, one LISTEN connection.
import type { Logger } from 'pino';
import { makeDataSource } from '../database/data-source.js';
import type { Clock } from '../runtime/clock.js';
import { OutboxReads } from '../runtime/read-outbox.js';
import { EventHub } from './event-hub.js';
import type { EventDelivery } from './event-stream.js';
import { listenForOutboxHints } from '../database/outbox-listener.js';
import { OutboxReader } from './outbox-reader.js';

const DELIVERY_POOL_SIZE = 3;

/** Delivery settings. */
export interface DeliveryOptions {
  pollIntervalMs: number;
  queueCapacity: number;
}

/** Running delivery; `stop` ends every subscriber and closes the listener. */
export interface EventDeliveryService extends EventDelivery {
  stop(): Promise<void>;
}

/**
 * Starts delivery at the current settled position of the outbox. Delivery reads through its own
 * small pool, so request load never delays events (and request metrics count only requests).
 */
export async function startEventDelivery(clock: Clock, databaseUrl: string, logger: Logger, options: DeliveryOptions): Promise<EventDeliveryService> {
  const dataSource = makeDataSource({ url: databaseUrl, logger, poolSize: DELIVERY_POOL_SIZE });
  await dataSource.initialize();
  const outbox = new OutboxReads({ dataSource, clock });
  const hub = new EventHub();
  const reader = new OutboxReader(outbox, hub, logger, { pollIntervalMs: options.pollIntervalMs, settleRetryMs: 20, batchWindowMs: 10 });
  reader.start();
  const listener = listenForOutboxHints(databaseUrl, () => reader.wake(), logger);
  return {
    hub,
    outbox,
    queueCapacity: options.queueCapacity,
    stop: async () => {
      await listener.stop();
      await reader.stop();
      hub.closeAll(new Error('the server is shutting down; resubscribe with after to continue'));
      await dataSource.destroy();
    },
  };
}
