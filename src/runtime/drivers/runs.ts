// Driver: stores runs in the caller's transaction — insert, lock for update, versioned update.
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { RunEntity } from '../../entities/index.js';
import type { RunRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { updateVersioned } from './versioned-update.js';

/** Inserts a new run; returns it with its plan as stored (jsonb orders keys). */
export async function insertRun(uow: UnitOfWork, run: RunRecord): Promise<RunRecord> {
  const result = await uow.manager.createQueryBuilder().insert().into(RunEntity).values(run as QueryDeepPartialEntity<RunEntity>).returning('plan').updateEntity(false).execute();
  return { ...run, plan: (result.raw as { plan: unknown }[])[0].plan };
}

/** Loads one run of the tenant and locks it until commit; null when absent. */
export async function lockRun(uow: UnitOfWork, tenantId: string, id: string): Promise<RunRecord | null> {
  return uow.manager.createQueryBuilder(RunEntity, 'r').setLock('pessimistic_write').where('r.id = :id AND r.tenant_id = :tenantId', { id, tenantId }).getOne();
}

/** The fields a run update may set besides version. */
export type RunUpdate = Partial<Pick<RunRecord, 'phase' | 'status' | 'costCents' | 'outcome' | 'completedAt'>>;

/** Writes a change guarded by the version that was read; returns the stored row. */
export function updateRun(uow: UnitOfWork, current: RunRecord, update: RunUpdate): Promise<RunRecord> {
  return updateVersioned(uow, RunEntity, 'Run', current, { ...update, updatedAt: uow.now });
}
