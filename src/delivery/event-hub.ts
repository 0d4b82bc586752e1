// The instance's fan-out point: the outbox reader publishes settled events here in id order, and
// each matching subscriber's queue receives them.
import type { StoredEvent } from '../runtime/read-outbox.js';
import { selects, type EventSelector } from './event-selector.js';
import { SubscriberQueue } from './subscriber-queue.js';

/** Live subscribers of this instance. */
export class EventHub {
  private readonly subscribers = new Set<SubscriberQueue>();
  private settled = 0n;
  private opened!: () => void;
  /** Resolves once the reader has found its starting position (see {@link open}). */
  readonly ready: Promise<void> = new Promise((resolve) => {
    this.opened = resolve;
  });

  private started = false;

  /** Whether the hub has its starting position. */
  get isOpen(): boolean {
    return this.started;
  }

  /** Starts the hub at `position`: events up to it are history, served by replay. */
  open(position: bigint): void {
    this.settled = position;
    this.started = true;
    this.opened();
  }

  /** Every event with id ≤ this has been published (or predates this instance). */
  get settledThrough(): bigint {
    return this.settled;
  }

  /** How many subscribers are live. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Publishes settled events (ascending ids) and moves the settled position. */
  publish(events: readonly StoredEvent[], settledThrough: bigint): void {
    for (const event of events) {
      for (const subscriber of this.subscribers) {
        if (selects(subscriber.selector, event)) subscriber.push(event);
        // A cut-off subscriber leaves at once, even if its consumer never asks again.
        if (subscriber.failed) this.subscribers.delete(subscriber);
      }
    }
    if (settledThrough > this.settled) this.settled = settledThrough;
  }

  /** Registers a subscriber; it receives every matching event published from now on. */
  subscribe(selector: EventSelector, capacity: number): SubscriberQueue {
    const subscriber = new SubscriberQueue(selector, capacity, this.settled);
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Removes a subscriber. */
  unsubscribe(subscriber: SubscriberQueue): void {
    this.subscribers.delete(subscriber);
  }

  /** Ends every subscriber (shutdown). */
  closeAll(reason: Error): void {
    for (const subscriber of this.subscribers) subscriber.fail(reason);
    this.subscribers.clear();
  }
}
