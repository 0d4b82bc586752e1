// Driver: reads contracts of one tenant — by id, by ids (for loaders), and as a filtered keyset page.
import type { SelectQueryBuilder } from 'typeorm';
import { ContractEntity } from '../../entities/index.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { ContractRecord } from '../records.js';
import { keysetPage } from './keyset-page.js';
import { rowsByKeys } from './plain-rows.js';
import type { Reader } from '../scoped-transactions.js';

/** Filters of the `contracts` list (api-sketch ContractFilter). */
export interface ContractFilter {
  status?: string[] | null;
  riskLevel?: string[] | null;
  source?: string[] | null;
  capability?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** One contract of the tenant, or null. */
export async function findContract(reader: Reader, tenantId: string, id: string): Promise<ContractRecord | null> {
  return reader.manager.findOneBy(ContractEntity, { tenantId, id });
}

/** Several contracts of the tenant, in one statement. */
export async function findContracts(reader: Reader, tenantId: string, ids: readonly string[]): Promise<ContractRecord[]> {
  return rowsByKeys(reader, ContractEntity, tenantId, 'id', ids);
}

/** Up to `limit` contracts after `after`, newest first, and how many match in all. */
export async function listContracts(
  reader: Reader,
  tenantId: string,
  filter: ContractFilter,
  after: CursorPosition | null,
  limit: number,
): Promise<{ rows: ContractRecord[]; totalCount: number }> {
  const filtered = () => applyFilter(reader.manager.createQueryBuilder(ContractEntity, 'c').where('c.tenant_id = :tenantId', { tenantId }), filter);
  return keysetPage(filtered, 'c', after, limit);
}

function applyFilter(query: SelectQueryBuilder<ContractEntity>, filter: ContractFilter): SelectQueryBuilder<ContractEntity> {
  if (filter.status?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.status });
  if (filter.riskLevel?.length) query.andWhere('c.risk_level IN (:...riskLevels)', { riskLevels: filter.riskLevel });
  if (filter.source?.length) query.andWhere('c.source IN (:...sources)', { sources: filter.source });
  if (filter.capability) query.andWhere(':capability = ANY(c.affected_capabilities)', { capability: filter.capability });
  if (filter.createdAfter) query.andWhere('c.created_at > :createdAfter', { createdAfter: filter.createdAfter });
  if (filter.createdBefore) query.andWhere('c.created_at < :createdBefore', { createdBefore: filter.createdBefore });
  return query;
}
