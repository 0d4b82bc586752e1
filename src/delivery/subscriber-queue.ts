// A subscriber's bounded queue: live events wait here until the subscriber takes them. A subscriber
// that falls more than `capacity` events behind is cut off (it may resume with `after`), so it can
// never slow other subscribers or the producers.
import type { StoredEvent } from '../runtime/read-outbox.js';
import type { EventSelector } from './event-selector.js';
import { SubscriptionEnded, type LiveSink } from './live-sink.js';

/** One live subscription's buffer. */
export class SubscriberQueue implements LiveSink {
  private readonly events: StoredEvent[] = [];
  private waiter: ((event: StoredEvent | Error) => void) | null = null;
  private failure: Error | null = null;

  constructor(
    readonly selector: EventSelector,
    readonly capacity: number,
    /** Every event with a position ≤ this was published before the subscriber registered. */
    readonly registeredAt: bigint,
    /** The API key the subscriber authenticated with (its revocation ends the subscriber). */
    readonly apiKeyId: string,
  ) {}

  /** Offers a live event; overflowing fails the subscriber instead of growing. */
  push(event: StoredEvent): void {
    if (this.failure) return;
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(event);
    } else if (this.events.length >= this.capacity) {
      this.fail(new SubscriptionEnded({ kind: 'overflow', capacity: this.capacity }));
    } else {
      this.events.push(event);
    }
  }

  /** Whether the subscriber has been ended (it receives nothing more). */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** 1 while the subscriber is live. */
  get size(): number {
    return this.failure === null ? 1 : 0;
  }

  /** How many events wait to be taken. */
  get waiting(): number {
    return this.events.length;
  }

  /** Ends the subscriber if it authenticated with this key. */
  revoke(apiKeyId: string): void {
    if (apiKeyId === this.apiKeyId) this.fail(new SubscriptionEnded({ kind: 'revoked' }));
  }

  /** Ends the subscriber (shutdown). */
  close(): void {
    this.fail(new SubscriptionEnded({ kind: 'shutdown' }));
  }

  /** Ends the subscriber with an error (an ending, or the client leaving). */
  fail(error: Error): void {
    this.failure ??= error;
    this.events.length = 0;
    const wake = this.waiter;
    this.waiter = null;
    wake?.(error);
  }

  /** The next live event; rejects once the subscriber has failed. */
  next(): Promise<StoredEvent> {
    if (this.failure) return Promise.reject(this.failure);
    const event = this.events.shift();
    if (event) return Promise.resolve(event);
    return new Promise((resolve, reject) => {
      this.waiter = (value) => (value instanceof Error ? reject(value) : resolve(value));
    });
  }
}
