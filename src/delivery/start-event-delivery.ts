// Composes this instance's event delivery: one hub, one outbox reader, the instance's bid for the
// sequencer, and one delivery session (LISTEN connection) that both work on.
import type { Logger } from 'pino';
import { makeDataSource } from '../database/data-source.js';
import { openDeliveryConnection } from '../database/delivery-connection.js';
import { prepareMarkedStatements } from '../database/prepared-statements.js';
import type { Clock } from '../runtime/clock.js';
import { SEQUENCED_CHANNEL } from '../runtime/drivers/outbox-sequencing.js';
import { OUTBOX_CHANNEL } from '../runtime/outbox-flush.js';
import { OutboxReads } from '../runtime/read-outbox.js';
import { EventHub } from './event-hub.js';
import type { EventDelivery } from './event-stream.js';
import { OutboxReader } from './outbox-reader.js';
import { OutboxSequencer } from './outbox-sequencer.js';

const DELIVERY_POOL_SIZE = 3;

/** While commits keep coming, the sequencer passes at most this often (one pass serves the commits
 * meanwhile); a commit after a quiet moment is sequenced at once. The reader's window is shorter: its
 * reads are plain selects, a pass is a write transaction. */
const Batching = { sequencerWindowMs: 20, readerWindowMs: 5 } as const;

/** Delivery settings. */
export interface DeliveryOptions {
  pollIntervalMs: number;
  queueCapacity: number;
  /** How often an instance that does not sequence tries to take over (seconds after a holder dies). */
  sequencerTakeoverIntervalMs: number;
  /** Whether commits that write events NOTIFY the sequencer (else it polls, quickly while events flow). */
  writersNotify: boolean;
}

/** Running delivery; `stop` ends every subscriber and closes the session. */
export interface EventDeliveryService extends EventDelivery {
  /** Whether this instance sequences the outbox now. */
  readonly isSequencer: boolean;
  /** This instance committed events: its sequencer (if it holds the lock) starts at once. */
  eventsCommitted(): void;
  stop(): Promise<void>;
}

/**
 * Starts delivery at the last sequenced position of the outbox. Delivery reads through its own
 * small pool, so request load never delays events (and request metrics count only requests).
 */
export async function startEventDelivery(clock: Clock, databaseUrl: string, logger: Logger, options: DeliveryOptions): Promise<EventDeliveryService> {
  const dataSource = makeDataSource({ url: databaseUrl, logger, poolSize: DELIVERY_POOL_SIZE, session: 'delivery' });
  await dataSource.initialize();
  prepareMarkedStatements(dataSource);
  const outbox = new OutboxReads({ dataSource, clock });
  const hub = new EventHub();
  const reader = new OutboxReader(outbox, hub, logger, { pollIntervalMs: options.pollIntervalMs, batchWindowMs: Batching.readerWindowMs, retryMs: 200 });
  const sequencer = new OutboxSequencer(
    { takeoverIntervalMs: options.sequencerTakeoverIntervalMs, pollIntervalMs: options.pollIntervalMs, batchWindowMs: Batching.sequencerWindowMs, writersNotify: options.writersNotify },
    logger,
    (lastPosition) => reader.sequencedThrough(lastPosition),
  );
  reader.start();
  const connection = openDeliveryConnection(
    databaseUrl,
    [SEQUENCED_CHANNEL],
    {
      onHint: (channel, payload) => {
        if (channel === OUTBOX_CHANNEL) return sequencer.wake();
        // The sequencer's payload is the last position it gave; anything else is only a hint.
        if (payload && /^\d+$/.test(payload)) reader.sequencedThrough(BigInt(payload));
        else reader.wake();
      },
      onConnected: (session) => {
        sequencer.attach(session);
        reader.wake();
      },
      onLost: () => sequencer.detach(),
    },
    logger,
  );
  return {
    hub,
    outbox,
    queueCapacity: options.queueCapacity,
    get isSequencer() {
      return sequencer.isHolder;
    },
    eventsCommitted: () => sequencer.wake(),
    stop: async () => {
      await sequencer.stop();
      await connection.stop();
      await reader.stop();
      hub.closeAll();
      await dataSource.destroy();
    },
  };
}
