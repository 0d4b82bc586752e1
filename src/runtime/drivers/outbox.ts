// Driver: appends events to the caller's unit of work; the unit of work writes them all, with the
// wake-up NOTIFY, in one statement just before it commits — so nothing is announced unless it commits.
import type { NewOutboxEvent } from '../outbox-flush.js';
import type { UnitOfWork } from '../unit-of-work.js';

export type { NewOutboxEvent };

/** Queues events for the unit of work's commit, in order. */
export function appendEvents(uow: UnitOfWork, events: readonly NewOutboxEvent[]): void {
  uow.pendingEvents.push(...events);
}
