// Driver: violations (inspection constraints and phase/status invariant breaches) — appended in
// the caller's transaction, read per run in batches, by id, and as a filtered keyset page.
import { ViolationEntity } from '../../entities/index.js';
import { violationEntry, type ChainHead } from '../engines/audit-chain.js';
import type { ViolationRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import { keysetPage } from './keyset-page.js';
import { appendToRunChain, headCte } from './audit-chain.js';
import { rowsByKeys } from './plain-rows.js';
import type { ChainedRun } from './run-audit.js';

/** Appends violations of one run, chained on the run after the head `run` was read with; returns the run's new head. */
export function insertViolations(uow: UnitOfWork, run: ChainedRun, violations: readonly ViolationRecord[]): Promise<ChainHead> {
  const rowOf = (v: ViolationRecord) => ({
    id: v.id,
    kind: v.kind,
    policy_id: v.policyId,
    operation: v.operation,
    phase: v.phase,
    status: v.status,
    message: v.message,
    details: v.details,
    created_at: v.createdAt.toISOString(),
  });
  return appendToRunChain(run, violations, violationEntry, rowOf, async (parameters) => {
    const inserted: unknown[] = await uow.manager.query(
      `WITH ${headCte('run', 2)}
       INSERT INTO violations (id, tenant_id, kind, run_id, policy_id, operation, phase, status, message, details, created_at, chain_seq, hash)
       SELECT v.id, head.tenant_id, v.kind, head.id, v.policy_id, v.operation, v.phase, v.status, v.message, v.details, v.created_at, v.chain_seq, v.hash
       FROM head, jsonb_to_recordset($1::jsonb) AS v(id text, kind text, policy_id text, operation text, phase text, status text,
                                                    message text, details jsonb, created_at timestamptz, chain_seq integer, hash text)
       RETURNING id`,
      parameters,
    );
    return inserted.length;
  });
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
