// Driver: the latest health per capability — upserted by reports, read whole for snapshots.
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { CapabilityHealthEntity } from '../../entities/index.js';
import type { CapabilityHealthRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** Records a capability's latest health, replacing the previous report. */
export async function upsertCapabilityHealth(uow: UnitOfWork, report: CapabilityHealthRecord): Promise<void> {
  await uow.manager
    .createQueryBuilder()
    .insert()
    .into(CapabilityHealthEntity)
    .values(report as QueryDeepPartialEntity<CapabilityHealthEntity>)
    .orUpdate(['status', 'details', 'reported_by', 'reported_at'], ['tenant_id', 'capability'])
    .updateEntity(false)
    .execute();
}

/** Every capability's latest health in the tenant, by name. */
export async function loadCapabilityHealth(uow: Pick<UnitOfWork, 'manager'>, tenantId: string): Promise<CapabilityHealthRecord[]> {
  return uow.manager.find(CapabilityHealthEntity, { where: { tenantId }, order: { capability: 'ASC' } });
}
