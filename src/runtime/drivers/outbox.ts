// Driver: appends events to the outbox in the producing transaction. The unit of work sends the
// wake-up NOTIFY in the same transaction, so nothing is announced unless it commits.
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { OutboxEventEntity } from '../../entities/index.js';
import type { SubjectType } from './transitions.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** One event to append. */
export interface NewOutboxEvent {
  tenantId: string;
  type: string;
  subjectType: SubjectType;
  subjectId: string;
  actor: string;
  payload: Record<string, unknown>;
}

/** Appends events; they become visible, and are delivered, only if the transaction commits. */
export async function appendEvents(uow: UnitOfWork, events: readonly NewOutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({ ...event, createdAt: uow.now }));
  await uow.manager.createQueryBuilder().insert().into(OutboxEventEntity).values(rows as QueryDeepPartialEntity<OutboxEventEntity>[]).updateEntity(false).execute();
  uow.eventsAppended = true;
}
