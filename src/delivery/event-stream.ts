// One subscriber's stream: register for live events first, replay what it missed after `after`
// from the outbox up to the registration point, then go live — no duplicate and no gap at the seam.
// A stream the server ends says why with a typed error: RATE_LIMITED (fell behind) or UNAVAILABLE
// (shutdown), both with `resumeAfter`, the last position it delivered; UNAUTHENTICATED (key revoked).
import { BadUserInputError, GovernanceError } from '../runtime/errors.js';
import type { OutboxReads, StoredEvent } from '../runtime/read-outbox.js';
import { KeyRevoked, ShuttingDown, type EventHub } from './event-hub.js';
import type { EventSelector } from './event-selector.js';
import { SubscriberOverflow, type SubscriberQueue } from './subscriber-queue.js';

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

/** Parses a client's `after` (the last event id it saw). */
export function parseAfter(after: string | null | undefined): bigint | null {
  if (after == null) return null;
  if (!/^\d{1,19}$/.test(after)) throw new BadUserInputError([`after must be an event id, got "${after}"`]);
  return BigInt(after);
}

/** Ends a subscriber's queue when its client unsubscribes or disconnects. */
class Unsubscribed extends Error {}

/** The subscriber's events: replayed after `after` (when given), then live, each exactly once. */
export function streamEvents(delivery: EventDelivery, selector: EventSelector, after: bigint | null, owner: StreamOwner): AsyncIterableIterator<StoredEvent> {
  const queue = delivery.hub.subscribe(selector, delivery.queueCapacity, owner.apiKeyId);
  const events = replayThenLive(delivery, queue, selector, after);
  return {
    next: () => events.next(),
    throw: (error?: unknown) => events.throw(error),
    // A generator takes return() only after its pending next(), which may wait forever for a live
    // event: end the queue first, so the subscriber is released (and its slot freed) now.
    return: (value?: unknown) => {
      queue.fail(new Unsubscribed());
      delivery.hub.unsubscribe(queue);
      return events.return(value as undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* replayThenLive(delivery: EventDelivery, queue: SubscriberQueue, selector: EventSelector, after: bigint | null): AsyncGenerator<StoredEvent, undefined> {
  let last = after ?? queue.registeredAt;
  try {
    if (after !== null) {
      const pruned = await delivery.outbox.prunedThrough();
      if (after < pruned) throw new BadUserInputError([`events through id ${pruned} were pruned by retention; resume is not possible from ${after}: reload the current state and subscribe without after`]);
      const newest = await delivery.outbox.lastPosition();
      if (after > newest) throw new BadUserInputError([`after ${after} is not an event id of this server (the newest is ${newest}): reload the current state and subscribe without after`]);
      for (;;) {
        const page = await delivery.outbox.replay(selector, last, queue.registeredAt, REPLAY_PAGE_SIZE);
        for (const event of page) {
          last = BigInt(event.id);
          yield event;
        }
        if (page.length < REPLAY_PAGE_SIZE) break;
      }
    }
    for (;;) {
      const event = await nextLive(queue, last);
      if (event === null) return undefined;
      if (BigInt(event.id) <= last) continue;
      last = BigInt(event.id);
      yield event;
    }
  } finally {
    delivery.hub.unsubscribe(queue);
  }
}

/** The next live event, or null once the client has unsubscribed. */
async function nextLive(queue: SubscriberQueue, last: bigint): Promise<StoredEvent | null> {
  try {
    return await queue.next();
  } catch (error) {
    if (error instanceof Unsubscribed) return null;
    if (error instanceof SubscriberOverflow) {
      throw new GovernanceError('RATE_LIMITED', `Subscription closed: the subscriber fell more than ${error.capacity} events behind. Resubscribe with after: "${last}" to continue without a gap.`, { resumeAfter: last.toString() });
    }
    if (error instanceof ShuttingDown) {
      throw new GovernanceError('UNAVAILABLE', `Subscription closed: the server is shutting down. Resubscribe with after: "${last}" (here or on another instance) to continue without a gap.`, { resumeAfter: last.toString() });
    }
    if (error instanceof KeyRevoked) throw new GovernanceError('UNAUTHENTICATED', 'Subscription closed: the API key was revoked', { reason: 'API_KEY_REVOKED' });
    throw error;
  }
}
