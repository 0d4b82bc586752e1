// Driver: appends transition records (from, to, reason, actor, time) and reads histories in batches.
import { TransitionEntity } from '../../entities/index.js';
import type { SubjectType } from '../outbox-flush.js';
import type { TransitionRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { insertRows, rowsByKeys } from './plain-rows.js';

/** One transition to append. */
export interface NewTransition {
  from: string;
  to: string;
  reason: string;
}

/** Appends transitions of one subject, in order, all at the unit of work's instant. */
export async function appendTransitions(
  uow: UnitOfWork,
  subject: { tenantId: string; type: SubjectType; id: string },
  actor: string,
  transitions: readonly NewTransition[],
): Promise<void> {
  const rows = transitions.map((t) => ({
    tenantId: subject.tenantId,
    subjectType: subject.type,
    subjectId: subject.id,
    fromStatus: t.from,
    toStatus: t.to,
    reason: t.reason,
    actor,
    at: uow.now,
  }));
  await insertRows(uow, TransitionEntity, rows);
}

/** The histories of several subjects of one tenant, oldest first, in one statement. */
export async function loadTransitions(uow: Pick<UnitOfWork, 'manager'>, tenantId: string, subjectIds: readonly string[]): Promise<TransitionRecord[]> {
  return rowsByKeys(uow, TransitionEntity, tenantId, 'subjectId', subjectIds, { id: 'ASC' });
}
