// One subscriber's stream: register for live events first, replay what it missed after `after`
// from the outbox up to the registration point, then go live — no duplicate and no gap at the seam.
// A stream the server ends says why with a typed error (see live-sink.ts). Once it is live and has
// nothing buffered, a transport that pushes (graphql-ws) may take the subscriber over from the queue.
import { BadUserInputError } from '../runtime/errors.js';
import type { OutboxReads, StoredEvent } from '../runtime/read-outbox.js';
import type { EventHub } from './event-hub.js';
import type { EventSelector } from './event-selector.js';
import { endingError, SubscriptionEnded } from './live-sink.js';
import type { SubscriberQueue } from './subscriber-queue.js';

const REPLAY_PAGE_SIZE = 500;

/** What streams are built from. */
export interface EventDelivery {
  hub: EventHub;
  outbox: OutboxReads;
  /** Live events a subscriber may fall behind by before it is cut off. */
  queueCapacity: number;
}

/** Who subscribes: the API key whose revocation ends the stream. */
export interface StreamOwner {
  apiKeyId: string;
}

/** A subscriber handed over live: everything matching with a position ≤ `last` was delivered. */
export interface LiveHandover {
  selector: EventSelector;
  apiKeyId: string;
  last: bigint;
}

/** A subscriber's events, which a pushing transport may take over once they are live. */
export interface EventStream extends AsyncIterableIterator<StoredEvent> {
  /** When live with nothing buffered: removes the queue from the hub and says where the subscriber is; else null. */
  takeLive(): LiveHandover | null;
}

/** Parses a client's `after` (the last event id it saw). */
export function parseAfter(after: string | null | undefined): bigint | null {
  if (after == null) return null;
  if (!/^\d{1,19}$/.test(after)) throw new BadUserInputError([`after must be an event id, got "${after}"`]);
  return BigInt(after);
}

/** Whether a value is an {@link EventStream} (what the subscription resolvers return). */
export function isEventStream(value: unknown): value is EventStream {
  return typeof (value as EventStream).takeLive === 'function';
}

/** Ends a subscriber's queue when its client unsubscribes or disconnects. */
class Unsubscribed extends Error {}

/** The subscriber's events: replayed after `after` (when given), then live, each exactly once. */
export function streamEvents(delivery: EventDelivery, selector: EventSelector, after: bigint | null, owner: StreamOwner): EventStream {
  const queue = delivery.hub.subscribe(selector, delivery.queueCapacity, owner.apiKeyId);
  const position = { last: after ?? queue.registeredAt, live: false };
  const events = replayThenLive(delivery, queue, selector, after, position);
  const release = () => {
    queue.fail(new Unsubscribed());
    delivery.hub.detach(queue);
  };
  return {
    next: () => events.next(),
    throw: (error?: unknown) => events.throw(error),
    // A generator takes return() only after its pending next(), which may wait forever for a live
    // event: end the queue first, so the subscriber is released (and its slot freed) now.
    return: (value?: unknown) => {
      release();
      return events.return(value as undefined);
    },
    takeLive: () => {
      if (!position.live || queue.waiting > 0 || queue.failed) return null;
      release();
      void events.return(undefined);
      return { selector, apiKeyId: owner.apiKeyId, last: position.last };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* replayThenLive(delivery: EventDelivery, queue: SubscriberQueue, selector: EventSelector, after: bigint | null, position: { last: bigint; live: boolean }): AsyncGenerator<StoredEvent, undefined> {
  try {
    if (after !== null) {
      const pruned = await delivery.outbox.prunedThrough();
      if (after < pruned) throw new BadUserInputError([`events through id ${pruned} were pruned by retention; resume is not possible from ${after}: reload the current state and subscribe without after`]);
      const newest = await delivery.outbox.lastPosition();
      if (after > newest) throw new BadUserInputError([`after ${after} is not an event id of this server (the newest is ${newest}): reload the current state and subscribe without after`]);
      for (;;) {
        const page = await delivery.outbox.replay(selector, position.last, queue.registeredAt, REPLAY_PAGE_SIZE);
        for (const event of page) {
          position.last = BigInt(event.id);
          yield event;
        }
        if (page.length < REPLAY_PAGE_SIZE) break;
      }
    }
    position.live = true;
    for (;;) {
      const event = await nextLive(queue, position.last);
      if (event === null) return undefined;
      if (BigInt(event.id) <= position.last) continue;
      position.last = BigInt(event.id);
      yield event;
    }
  } finally {
    delivery.hub.detach(queue);
  }
}

/** The next live event, or null once the client has unsubscribed. */
async function nextLive(queue: SubscriberQueue, last: bigint): Promise<StoredEvent | null> {
  try {
    return await queue.next();
  } catch (error) {
    if (error instanceof Unsubscribed) return null;
    if (error instanceof SubscriptionEnded) throw endingError(error.ending, last);
    throw error;
  }
}
