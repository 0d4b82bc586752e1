// Driver: stores runs in the caller's transaction — insert, lock for update, and a versioned move
// written together with its transition record, chained.
import { prepared } from '../../database/prepared-statements.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { RunEntity } from '../../entities/index.js';
import { extendChain, snapshotOf, transitionEntry } from '../engines/audit-chain.js';
import { ConflictError } from '../errors.js';
import type { RunRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { headOf, withHead } from './audit-chain.js';
import { lockRow } from './plain-rows.js';

/** Inserts a new run; returns it with its plan as stored (jsonb orders keys). */
export async function insertRun(uow: UnitOfWork, run: RunRecord): Promise<RunRecord> {
  const result = await uow.manager.createQueryBuilder().insert().into(RunEntity).values(run as QueryDeepPartialEntity<RunEntity>).returning('plan').updateEntity(false).execute();
  return { ...run, plan: (result.raw as { plan: unknown }[])[0].plan };
}

/** Loads one run of the tenant and locks it until commit; null when absent. */
export async function lockRun(uow: UnitOfWork, tenantId: string, id: string): Promise<RunRecord | null> {
  return lockRow(uow, RunEntity, tenantId, id);
}

/** A run's move: its new phase and status (and, at completion, cost, outcome and end time). */
export type RunMove = Pick<RunRecord, 'phase' | 'status'> & Partial<Pick<RunRecord, 'costCents' | 'outcome' | 'completedAt'>>;

/**
 * Moves a run (guarded by the version that was read) and appends its transition record to the run's
 * audit chain, with the run's fields after the move, in one statement; CONFLICT when another writer
 * got there first. Returns the stored run, with its new chain head.
 */
export async function moveRun(uow: UnitOfWork, current: RunRecord, move: RunMove, actor: string, reason: string): Promise<RunRecord> {
  const moved: RunRecord = { ...current, ...move, version: current.version + 1, updatedAt: uow.now };
  const from = headOf(current);
  const entry = transitionEntry({ fromStatus: `${current.phase}/${current.status}`, toStatus: `${moved.phase}/${moved.status}`, reason, actor, at: uow.now }, snapshotOf(moved));
  const { head } = extendChain({ tenantId: current.tenantId, type: 'run', id: current.id }, from, [entry]);
  const inserted: unknown[] = await uow.manager.query(
    prepared(`WITH moved AS (
       UPDATE runs SET phase = $4, status = $5, cost_cents = $6, outcome = $7, completed_at = $8, version = $9, updated_at = $10, audit_seq = $15, audit_head = $16
       WHERE id = $1 AND tenant_id = $2 AND version = $3 AND audit_seq = $17
       RETURNING id, tenant_id)
     INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at, chain_seq, hash, snapshot)
     SELECT tenant_id, 'run', id, $11, $12, $13, $14, $10, $15, $16, $18 FROM moved
     RETURNING id`),
    [
      current.id, current.tenantId, current.version,
      moved.phase, moved.status, moved.costCents, moved.outcome, moved.completedAt, moved.version, uow.now,
      entry.fields.from, entry.fields.to, reason, actor,
      head.seq, head.hash, from.seq, JSON.stringify(entry.snapshot),
    ],
  );
  if (inserted.length !== 1) throw new ConflictError(`Run ${current.id} was changed by another writer`);
  return withHead(moved, head);
}
