// Driver: stores contracts in the caller's transaction — insert, lock for update, versioned update,
// and claiming sweepable rows with FOR UPDATE SKIP LOCKED. Tenant in every statement but the claim.
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ContractEntity } from '../../entities/index.js';
import type { ContractRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { updateVersioned } from './versioned-update.js';
import { lockRow } from './plain-rows.js';

/** Inserts a new contract row; returns it with its JSON columns as stored (jsonb orders keys). */
export async function insertContract(uow: UnitOfWork, contract: ContractRecord): Promise<ContractRecord> {
  const result = await uow.manager
    .createQueryBuilder()
    .insert()
    .into(ContractEntity)
    .values(contract as QueryDeepPartialEntity<ContractEntity>)
    .returning('proposed_changes, validator_verdict, eligibility_verdict')
    .updateEntity(false)
    .execute();
  const [stored] = result.raw as { proposed_changes: unknown[]; validator_verdict: Record<string, unknown>; eligibility_verdict: Record<string, unknown> }[];
  return { ...contract, proposedChanges: stored.proposed_changes, validatorVerdict: stored.validator_verdict, eligibilityVerdict: stored.eligibility_verdict };
}

/** Loads one contract of the tenant and locks it until commit; null when absent. */
export async function lockContract(uow: UnitOfWork, tenantId: string, id: string): Promise<ContractRecord | null> {
  return lockRow(uow, ContractEntity, tenantId, id);
}

/** The fields a contract update may set besides status and version. */
export type ContractUpdate = Partial<Omit<ContractRecord, 'id' | 'tenantId' | 'version' | 'createdAt' | 'createdBy'>>;

/** Writes a change guarded by the version that was read; returns the stored row. */
export function updateContract(uow: UnitOfWork, current: ContractRecord, update: ContractUpdate): Promise<ContractRecord> {
  return updateVersioned(uow, ContractEntity, 'Contract', current, { ...update, updatedAt: uow.now });
}

/** Which sweep a claim is for. */
export type ContractSweep = 'expiry' | 'activationWindow';

/** Claims up to `limit` contracts due for a sweep, across tenants, skipping rows others hold. */
export async function claimContractsDue(uow: UnitOfWork, sweep: ContractSweep, limit: number): Promise<ContractRecord[]> {
  const query = uow.manager.createQueryBuilder(ContractEntity, 'c').setLock('pessimistic_write').setOnLocked('skip_locked').take(limit);
  if (sweep === 'expiry') {
    query.where(`c.status IN ('DRAFT','VALIDATED','ELIGIBLE') AND c.expires_at <= :now`, { now: uow.now });
  } else {
    query.where(`c.status = 'APPROVED' AND c.activation_window_end <= :now`, { now: uow.now });
  }
  return query.orderBy('c.id').getMany();
}
