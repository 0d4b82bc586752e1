// Driver: appends transition records (from, to, reason, actor, time, the object's fields after them)
// to their object's audit chain, and reads histories in batches.
import { TransitionEntity } from '../../entities/index.js';
import { extendChain, snapshotOf, transitionEntry, type ChainHead, type ChainObject } from '../engines/audit-chain.js';
import type { ChainedRow, TransitionRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { assertAppended, headCte, headOf, headParameters } from './audit-chain.js';
import { rowsByKeys } from './plain-rows.js';

/** One transition to append. */
export interface NewTransition {
  from: string;
  to: string;
  reason: string;
}

/**
 * Appends transitions of one object, in order, all at the unit of work's instant, chained after the
 * head `after` was read with (under the row lock the command holds); the last one keeps `after` as
 * the object's fields after the change. One statement moves the head and inserts the records.
 * Returns the new head.
 */
export async function appendTransitions(
  uow: UnitOfWork,
  object: ChainObject,
  after: ChainedRow,
  actor: string,
  transitions: readonly NewTransition[],
): Promise<ChainHead> {
  const from = headOf(after);
  const snapshot = snapshotOf(after);
  const entries = transitions.map((t, index) =>
    transitionEntry({ fromStatus: t.from, toStatus: t.to, reason: t.reason, actor, at: uow.now }, index === transitions.length - 1 ? snapshot : null),
  );
  const chained = extendChain(object, from, entries);
  const rows = entries.map((entry, index) => ({ ...entry.fields, seq: chained.links[index].seq, hash: chained.links[index].hash, snapshot: entry.snapshot }));
  const inserted: unknown[] = await uow.manager.query(
    `WITH ${headCte(object.type, 1)}
     INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at, chain_seq, hash, snapshot)
     SELECT head.tenant_id, $6, head.id, t."from", t."to", t.reason, t.actor, $7, t.seq, t.hash, t.snapshot
     FROM head, jsonb_to_recordset($8::jsonb) AS t("from" text, "to" text, reason text, actor text, seq integer, hash text, snapshot jsonb)
     ORDER BY t.seq
     RETURNING id`,
    [...headParameters(object, from, chained.head), object.type, uow.now, JSON.stringify(rows)],
  );
  assertAppended(object, inserted.length, transitions.length);
  return chained.head;
}

/** The histories of several subjects of one tenant, oldest first, in one statement. */
export async function loadTransitions(uow: Pick<UnitOfWork, 'manager'>, tenantId: string, subjectIds: readonly string[]): Promise<TransitionRecord[]> {
  return rowsByKeys(uow, TransitionEntity, tenantId, 'subjectId', subjectIds, { id: 'ASC' });
}
