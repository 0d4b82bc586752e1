// Driver: stores runs in the caller's transaction — insert, lock for update, and a versioned move
// written together with its transition record.
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { RunEntity } from '../../entities/index.js';
import { ConflictError } from '../errors.js';
import type { RunRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
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
 * Moves a run (guarded by the version that was read) and appends its transition record, in one
 * statement; CONFLICT when another writer got there first. Returns the stored run.
 */
export async function moveRun(uow: UnitOfWork, current: RunRecord, move: RunMove, actor: string, reason: string): Promise<RunRecord> {
  const next: RunRecord = { ...current, ...move, version: current.version + 1, updatedAt: uow.now };
  const inserted: unknown[] = await uow.manager.query(
    `WITH moved AS (
       UPDATE runs SET phase = $4, status = $5, cost_cents = $6, outcome = $7, completed_at = $8, version = $9, updated_at = $10
       WHERE id = $1 AND tenant_id = $2 AND version = $3
       RETURNING id, tenant_id)
     INSERT INTO transitions (tenant_id, subject_type, subject_id, from_status, to_status, reason, actor, at)
     SELECT tenant_id, 'run', id, $11, $12, $13, $14, $10 FROM moved
     RETURNING id`,
    [
      current.id, current.tenantId, current.version,
      next.phase, next.status, next.costCents, next.outcome, next.completedAt, next.version, uow.now,
      `${current.phase}/${current.status}`, `${next.phase}/${next.status}`, reason, actor,
    ],
  );
  if (inserted.length !== 1) throw new ConflictError(`Run ${current.id} was changed by another writer`);
  return next;
}
