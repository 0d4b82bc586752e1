// Driver: violations (inspection constraints and phase/status invariant breaches) — appended in
// the caller's transaction, read per run in batches, by id, and as a filtered keyset page.
import { ViolationEntity } from '../../entities/index.js';
import type { ViolationRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import { keysetPage } from './keyset-page.js';
import { insertRows, rowsByKeys } from './plain-rows.js';

/** Appends violations. */
export async function insertViolations(uow: UnitOfWork, violations: readonly ViolationRecord[]): Promise<void> {
  await insertRows(uow, ViolationEntity, violations);
}

/** The violations of several runs of one tenant, newest first. */
export async function loadRunViolations(reader: Pick<UnitOfWork, 'manager'>, tenantId: string, runIds: readonly string[]): Promise<ViolationRecord[]> {
  return rowsByKeys(reader, ViolationEntity, tenantId, 'runId', runIds, { createdAt: 'DESC', id: 'DESC' });
}

/** Filters of the `violations` list (api-sketch ViolationFilter). */
export interface ViolationFilter {
  kind?: string[] | null;
  runId?: string | null;
  policyId?: string | null;
  since?: Date | null;
}

/** One violation of the tenant, or null. */
export async function findViolation(reader: Pick<UnitOfWork, 'manager'>, tenantId: string, id: string): Promise<ViolationRecord | null> {
  return reader.manager.findOneBy(ViolationEntity, { tenantId, id });
}

/** Up to `limit` violations after `after`, newest first, and how many match in all. */
export async function listViolations(reader: Pick<UnitOfWork, 'manager'>, tenantId: string, filter: ViolationFilter, after: CursorPosition | null, limit: number) {
  const filtered = () => {
    const query = reader.manager.createQueryBuilder(ViolationEntity, 'v').where('v.tenant_id = :tenantId', { tenantId });
    if (filter.kind?.length) query.andWhere('v.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.runId) query.andWhere('v.run_id = :runId', { runId: filter.runId });
    if (filter.policyId) query.andWhere('v.policy_id = :policyId', { policyId: filter.policyId });
    if (filter.since) query.andWhere('v.created_at >= :since', { since: filter.since });
    return query;
  };
  return keysetPage(filtered, 'v', after, limit);
}
