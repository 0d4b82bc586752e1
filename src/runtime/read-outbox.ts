// Runtime reads for event delivery: the watermark facts, settled events in id order, a
// subscriber's replay (tenant always applied), the retention watermark, and pruning.
import {
  assignXidHorizon,
  eventsBetween,
  lastDrawnEventId,
  oldestRunningXid,
  pruneEvents,
  prunedThroughId,
  selectedEventsBetween,
  type EventSelector,
  type StoredEvent,
} from './drivers/outbox-reads.js';
import type { StorageDeps } from './storage-deps.js';
import { withUnitOfWork } from './unit-of-work.js';

export type { EventSelector, StoredEvent };

/** Reads the outbox for this instance's delivery. */
export class OutboxReads {
  constructor(private readonly deps: StorageDeps) {}

  /** The highest outbox id drawn so far (committed or not). */
  lastDrawnId(): Promise<bigint> {
    return lastDrawnEventId(this.deps.dataSource);
  }

  /** An xid assigned now; read it after the last id drawn to bound the writers of those ids. */
  xidHorizon(): Promise<bigint> {
    return assignXidHorizon(this.deps.dataSource);
  }

  /** A lower bound of every running transaction's xid. */
  oldestRunningXid(): Promise<bigint> {
    return oldestRunningXid(this.deps.dataSource);
  }

  /** Settled events after < id ≤ upTo, in id order. */
  eventsBetween(after: bigint, upTo: bigint, limit: number): Promise<StoredEvent[]> {
    return eventsBetween(this.deps.dataSource, after, upTo, limit);
  }

  /** One subscriber's events after < id ≤ upTo, in id order. */
  replay(selector: EventSelector, after: bigint, upTo: bigint, limit: number): Promise<StoredEvent[]> {
    return selectedEventsBetween(this.deps.dataSource, selector, after, upTo, limit);
  }

  /** Events up to this id may have been pruned. */
  prunedThroughId(): Promise<bigint> {
    return prunedThroughId(this.deps.dataSource);
  }

  /** Deletes events older than `retentionMs` (by the runtime's clock); returns how many. */
  prune(retentionMs: number): Promise<number> {
    const now = this.deps.clock.now();
    return withUnitOfWork(this.deps, 'pruneOutbox', now, (uow) => pruneEvents(uow, new Date(now.getTime() - retentionMs)));
  }
}
