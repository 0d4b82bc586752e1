// The instance's fan-out point: the outbox reader publishes sequenced events here in position order,
// and each sink whose selector matches receives them. A revoked API key's subscribers are ended at
// the revocation's position, before any later event, and the hub tells its revocation listeners.
// Publishing an event written by a traced command is a span linked to that command's span.
import type { StoredEvent } from '../runtime/read-outbox.js';
import { API_KEY_REVOKED } from '../runtime/commands/api-key-events.js';
import { startDeliverySpan } from '../telemetry/spans.js';
import { selects, type EventSelector } from './event-selector.js';
import type { LiveSink } from './live-sink.js';
import { SubscriberQueue } from './subscriber-queue.js';

/** Live subscribers of this instance. */
export class EventHub {
  private readonly sinks = new Set<LiveSink>();
  private readonly revocationListeners = new Set<(apiKeyId: string) => void>();
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

  /** Every event with a position ≤ this has been published (or predates this instance). */
  get settledThrough(): bigint {
    return this.settled;
  }

  /** How many subscribers are live. */
  get size(): number {
    let size = 0;
    for (const sink of this.sinks) size += sink.size;
    return size;
  }

  /** Publishes sequenced events (ascending positions) and moves the settled position. */
  publish(events: readonly StoredEvent[], settledThrough: bigint): void {
    for (const event of events) {
      if (event.type === API_KEY_REVOKED) this.revoke(event.subjectId);
      const span = event.traceContext ? startDeliverySpan(event.type, event.traceContext, { 'governance.event.id': event.id, 'governance.tenant': event.tenantId }) : null;
      let receivers = 0;
      for (const sink of this.sinks) {
        if (selects(sink.selector, event)) {
          sink.push(event);
          receivers += 1;
        }
        // A cut-off subscriber leaves at once, even if its consumer never asks again.
        if (sink.size === 0) this.sinks.delete(sink);
      }
      span?.setAttribute('governance.event.receivers', receivers);
      span?.end();
    }
    if (settledThrough > this.settled) this.settled = settledThrough;
  }

  /** Registers a queue for one subscriber of the key `apiKeyId`; it receives every matching event published from now on. */
  subscribe(selector: EventSelector, capacity: number, apiKeyId: string): SubscriberQueue {
    const subscriber = new SubscriberQueue(selector, capacity, this.settled, apiKeyId);
    this.sinks.add(subscriber);
    return subscriber;
  }

  /** Registers a sink; it receives every matching event published from now on. */
  attach(sink: LiveSink): void {
    this.sinks.add(sink);
  }

  /** Removes a sink. */
  detach(sink: LiveSink): void {
    this.sinks.delete(sink);
  }

  /** Calls `listener` with the id of every key revoked from now on; returns how to stop. */
  onRevocation(listener: (apiKeyId: string) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Ends every subscriber (shutdown). */
  closeAll(): void {
    for (const sink of this.sinks) sink.close();
    this.sinks.clear();
  }

  private revoke(apiKeyId: string): void {
    for (const sink of this.sinks) {
      sink.revoke(apiKeyId);
      if (sink.size === 0) this.sinks.delete(sink);
    }
    for (const listener of this.revocationListeners) listener(apiKeyId);
  }
}
