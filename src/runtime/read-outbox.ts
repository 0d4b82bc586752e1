// Runtime reads for event delivery: the watermark facts, settled events in id order, a
// subscriber's replay (tenant always applied), the retention watermark, and pruning.
import { eventsBetween, lastDrawnEventId, pruneEvents, prunedThroughId, selectedEventsBetween, snapshotBounds, type EventSelector, type StoredEvent } from './drivers/outbox-reads.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { withUnitOfWork } from './unit-of-work.js';

export type { EventSelector, StoredEvent };

/** Reads the outbox for this instance's delivery. */
export class OutboxReads {
  constructor(private readonly deps: RuntimeDeps) {}

  /** The last id drawn, then a snapshot's bounds taken after it (in that order). */
  async watermarkFacts(): Promise<{ lastDrawnId: bigint; snapshot: { xmin: bigint; xmax: bigint } }> {
    const lastDrawnId = await lastDrawnEventId(this.deps.dataSource);
    return { lastDrawnId, snapshot: await snapshotBounds(this.deps.dataSource) };
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
