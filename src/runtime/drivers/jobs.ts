// Driver: stores jobs in the caller's transaction — insert, lock for update, versioned update, and
// claiming timed-out jobs with FOR UPDATE SKIP LOCKED. Tenant in every statement but the claim.
import { JobEntity } from '../../entities/index.js';
import type { JobRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { updateVersioned } from './versioned-update.js';
import { insertRows, lockRow } from './plain-rows.js';

/** Inserts a new job row. */
export async function insertJob(uow: UnitOfWork, job: JobRecord): Promise<void> {
  await insertRows(uow, JobEntity, [job]);
}

/** Loads one job of the tenant and locks it until commit; null when absent. */
export async function lockJob(uow: UnitOfWork, tenantId: string, id: string): Promise<JobRecord | null> {
  return lockRow(uow, JobEntity, tenantId, id);
}

/** The fields a job update may set besides version. */
export type JobUpdate = Partial<Omit<JobRecord, 'id' | 'tenantId' | 'contractId' | 'version' | 'createdAt' | 'createdBy' | 'steps' | 'totalSteps'>>;

/** Writes a change guarded by the version that was read; returns the stored row. */
export function updateJob(uow: UnitOfWork, current: JobRecord, update: JobUpdate): Promise<JobRecord> {
  return updateVersioned(uow, JobEntity, 'Job', current, { ...update });
}

/** Claims up to `limit` unfinished jobs past their timeout, across tenants, skipping held rows. */
export async function claimTimedOutJobs(uow: UnitOfWork, limit: number): Promise<JobRecord[]> {
  return uow.manager
    .createQueryBuilder(JobEntity, 'j')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where(`j.status IN ('PENDING','RUNNING') AND j.timeout_at <= :now`, { now: uow.now })
    .orderBy('j.id')
    .take(limit)
    .getMany();
}

/** How many jobs of the tenant are running now (a fact of the health snapshot). */
export async function countRunningJobs(uow: UnitOfWork, tenantId: string): Promise<number> {
  return uow.manager.countBy(JobEntity, { tenantId, status: 'RUNNING' });
}
