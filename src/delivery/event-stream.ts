// One subscriber's stream: register for live events first, replay what it missed after `after`
// from the outbox up to the registration point, then go live — no duplicate and no gap at the seam.
import { BadUserInputError, GovernanceError } from '../runtime/errors.js';
import type { OutboxReads, StoredEvent } from '../runtime/read-outbox.js';
import type { EventHub } from './event-hub.js';
import type { EventSelector } from './event-selector.js';
import { SubscriberOverflow } from './subscriber-queue.js';

const REPLAY_PAGE_SIZE = 500;

/** What streams are built from. */
export interface EventDelivery {
  hub: EventHub;
  outbox: OutboxReads;
  /** Live events a subscriber may fall behind by before it is cut off. */
  queueCapacity: number;
}

/** Parses a client's `after` (the last event id it saw). */
export function parseAfter(after: string | null | undefined): bigint | null {
  if (after == null) return null;
  if (!/^\d{1,19}$/.test(after)) throw new BadUserInputError([`after must be an event id, got "${after}"`]);
  return BigInt(after);
}

/** The subscriber's events: replayed after `after` (when given), then live, each exactly once. */
export async function* streamEvents(delivery: EventDelivery, selector: EventSelector, after: bigint | null): AsyncGenerator<StoredEvent> {
  const queue = delivery.hub.subscribe(selector, delivery.queueCapacity);
  let last = after ?? queue.registeredAt;
  try {
    if (after !== null) {
      const pruned = await delivery.outbox.prunedThroughId();
      if (after < pruned) throw new BadUserInputError([`events through id ${pruned} were pruned by retention; resume is not possible from ${after}: reload the current state and subscribe without after`]);
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
      if (BigInt(event.id) <= last) continue;
      last = BigInt(event.id);
      yield event;
    }
  } finally {
    delivery.hub.unsubscribe(queue);
  }
}

async function nextLive(queue: ReturnType<EventHub['subscribe']>, last: bigint): Promise<StoredEvent> {
  try {
    return await queue.next();
  } catch (error) {
    if (!(error instanceof SubscriberOverflow)) throw error;
    throw new GovernanceError('RATE_LIMITED', `Subscription closed: the subscriber fell more than ${error.capacity} events behind. Resubscribe with after: "${last}" to continue without a gap.`, { resumeAfter: last.toString() });
  }
}
