// Driver: step results (J4 evidence) — appended once per step, read back in batches.
import { StepResultEntity } from '../../entities/index.js';
import type { StepResultRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { insertRows, rowsByKeys } from './plain-rows.js';

/** Appends one step result; the (job, step) key makes a second result for a step impossible. */
export async function insertStepResult(uow: UnitOfWork, result: StepResultRecord): Promise<void> {
  await insertRows(uow, StepResultEntity, [result]);
}

/** The results of several jobs of one tenant, in step order, in one statement. */
export async function loadStepResults(uow: Pick<UnitOfWork, 'manager'>, tenantId: string, jobIds: readonly string[]): Promise<StepResultRecord[]> {
  return rowsByKeys(uow, StepResultEntity, tenantId, 'jobId', jobIds, { jobId: 'ASC', stepIndex: 'ASC' });
}
