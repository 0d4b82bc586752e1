// Runtime reads for event delivery: sequenced events in position order, a subscriber's replay
// (tenant always applied), how long the oldest undelivered event has waited, and retention.
import {
  eventsAfter,
  lastSequencedPosition,
  oldestUndeliveredAt,
  pruneEvents,
  prunedThroughPosition,
  selectedEventsBetween,
  type EventSelector,
  type StoredEvent,
} from './drivers/outbox-reads.js';
import type { StorageDeps } from './storage-deps.js';
import { withUnitOfWork } from './unit-of-work.js';
import { systemScope } from './transaction-scope.js';

export type { EventSelector, StoredEvent };

/** Reads the outbox for this instance's delivery. */
export class OutboxReads {
  constructor(private readonly deps: StorageDeps) {}

  /** The highest position given so far: everything up to it is committed and visible. */
  lastPosition(): Promise<bigint> {
    return lastSequencedPosition(this.deps.dataSource);
  }

  /** Sequenced events after `after`, in position order. */
  eventsAfter(after: bigint, limit: number): Promise<StoredEvent[]> {
    return eventsAfter(this.deps.dataSource, after, limit);
  }

  /** One subscriber's events after < position ≤ upTo, in position order. */
  replay(selector: EventSelector, after: bigint, upTo: bigint, limit: number): Promise<StoredEvent[]> {
    return selectedEventsBetween(this.deps.dataSource, selector, after, upTo, limit);
  }

  /** When the oldest committed event not yet published past `publishedThrough` was written (null: none). */
  oldestUndeliveredAt(publishedThrough: bigint): Promise<Date | null> {
    return oldestUndeliveredAt(this.deps.dataSource, publishedThrough);
  }

  /** Events up to this position may have been pruned. */
  prunedThrough(): Promise<bigint> {
    return prunedThroughPosition(this.deps.dataSource);
  }

  /** Deletes delivered events older than `retentionMs` (by the runtime's clock); returns how many. */
  prune(retentionMs: number): Promise<number> {
    const now = this.deps.clock.now();
    return withUnitOfWork(this.deps, systemScope('pruneOutbox'), 'pruneOutbox', now, (uow) => pruneEvents(uow, new Date(now.getTime() - retentionMs)));
  }
}
