// Driver: reads jobs of one tenant — by id, by ids or contract ids (for loaders), and as a
// filtered keyset page.
import type { SelectQueryBuilder } from 'typeorm';
import { ContractEntity, JobEntity } from '../../entities/index.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { JobRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { keysetPage } from './keyset-page.js';
import { rowsByKeys } from './plain-rows.js';

type Reader = Pick<UnitOfWork, 'manager'>;

/** Filters of the `jobs` list (api-sketch JobFilter). */
export interface JobFilter {
  status?: string[] | null;
  contractId?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** One job of the tenant, or null. */
export async function findJob(reader: Reader, tenantId: string, id: string): Promise<JobRecord | null> {
  return reader.manager.findOneBy(JobEntity, { tenantId, id });
}

/** Several jobs of the tenant by id, in one statement. */
export async function findJobs(reader: Reader, tenantId: string, ids: readonly string[]): Promise<JobRecord[]> {
  return rowsByKeys(reader, JobEntity, tenantId, 'id', ids);
}

/** Up to `limit` jobs after `after` (each with its contract, read in the same statement), newest first, and how many match in all. */
export async function listJobs(reader: Reader, tenantId: string, filter: JobFilter, after: CursorPosition | null, limit: number): Promise<{ rows: JobRecord[]; totalCount: number }> {
  const filtered = () => applyFilter(reader.manager.createQueryBuilder(JobEntity, 'j').where('j.tenant_id = :tenantId', { tenantId }), filter);
  return keysetPage(filtered, 'j', after, limit, (page) => page.leftJoinAndMapOne('j.contract', ContractEntity, 'c', 'c.id = j.contract_id AND c.tenant_id = j.tenant_id'));
}

function applyFilter(query: SelectQueryBuilder<JobEntity>, filter: JobFilter): SelectQueryBuilder<JobEntity> {
  if (filter.status?.length) query.andWhere('j.status IN (:...statuses)', { statuses: filter.status });
  if (filter.contractId) query.andWhere('j.contract_id = :contractId', { contractId: filter.contractId });
  if (filter.createdAfter) query.andWhere('j.created_at > :createdAfter', { createdAfter: filter.createdAfter });
  if (filter.createdBefore) query.andWhere('j.created_at < :createdBefore', { createdBefore: filter.createdBefore });
  return query;
}
