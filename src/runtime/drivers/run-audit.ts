// Driver: a run's audit contract — expectations and acks written in the caller's transaction, read
// in batches, and overdue expectations claimed FOR UPDATE SKIP LOCKED for the deadline sweeper.
import { prepared } from '../../database/prepared-statements.js';
import { AuditExpectationEntity, DomainAckEntity } from '../../entities/index.js';
import { ackEntry, type ChainHead } from '../engines/audit-chain.js';
import type { AckRecord, ChainedRow, ExpectationRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { appendToRunChain, headCte } from './audit-chain.js';
import { insertRows, rowsByKeys } from './plain-rows.js';
import type { Reader } from '../scoped-transactions.js';

/** A run as its chain needs it: id, tenant and the head it was read with. */
export interface ChainedRun extends ChainedRow {
  id: string;
  tenantId: string;
}

/** Inserts a run's expectations. */
export async function insertExpectations(uow: UnitOfWork, expectations: readonly ExpectationRecord[]): Promise<void> {
  await insertRows(uow, AuditExpectationEntity, expectations);
}

/**
 * Records domains' acks of one run, chained on the run after the head `run` was read with (under the
 * run's row lock), and in the same statement moves the matching expectations (ACKED, or FAILED for a
 * failed ack; a ROLLED_BACK ack moves nothing). Returns the run's new head.
 */
export function recordAcks(uow: UnitOfWork, run: ChainedRun, acks: readonly AckRecord[]): Promise<ChainHead> {
  const rowOf = (ack: AckRecord) => ({
    id: ack.id,
    domain: ack.domain,
    action: ack.action,
    status: ack.status,
    result_id: ack.resultId,
    error: ack.error,
    rollback_reason: ack.rollbackReason,
    at: ack.at.toISOString(),
  });
  return appendToRunChain(run, acks, ackEntry, rowOf, async (parameters) => {
    const [{ inserted }]: { inserted: number }[] = await uow.manager.query(
      prepared(`WITH ${headCte('run', 2)},
       acks AS (
         INSERT INTO domain_acks (id, tenant_id, run_id, domain, action, status, result_id, error, rollback_reason, at, chain_seq, hash)
         SELECT a.id, head.tenant_id, head.id, domain, action, status, result_id, error, rollback_reason, at, chain_seq, hash
         FROM head, jsonb_to_recordset($1::jsonb) AS a(id text, domain text, action text, status text,
                                                      result_id text, error text, rollback_reason text, at timestamptz, chain_seq integer, hash text)
         RETURNING tenant_id, run_id, domain, action, status, at),
       expected AS (
         UPDATE audit_expectations e SET status = CASE WHEN acks.status = 'FAILED' THEN 'FAILED' ELSE 'ACKED' END, acked_at = acks.at
         FROM acks
         WHERE acks.status <> 'ROLLED_BACK' AND e.tenant_id = acks.tenant_id AND e.run_id = acks.run_id AND e.domain = acks.domain AND e.action = acks.action)
       SELECT count(*)::int AS inserted FROM acks`),
      parameters,
    );
    return inserted;
  });
}

/** The expectations of several runs of one tenant. */
export async function loadExpectations(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<ExpectationRecord[]> {
  return rowsByKeys(reader, AuditExpectationEntity, tenantId, 'runId', runIds, { deadline: 'ASC', domain: 'ASC' });
}

/** The acks of several runs of one tenant, oldest first. */
export async function loadAcks(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<AckRecord[]> {
  return rowsByKeys(reader, DomainAckEntity, tenantId, 'runId', runIds, { at: 'ASC', id: 'ASC' });
}

/** One ack of the tenant, or null. */
export async function findAck(reader: Reader, tenantId: string, id: string): Promise<AckRecord | null> {
  return reader.manager.findOneBy(DomainAckEntity, { tenantId, id });
}

/** Claims up to `limit` pending expectations past their deadline, across tenants, skipping held rows. */
export async function claimOverdueExpectations(uow: UnitOfWork, limit: number): Promise<ExpectationRecord[]> {
  return uow.manager
    .createQueryBuilder(AuditExpectationEntity, 'e')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where(`e.status = 'PENDING' AND e.deadline <= :now`, { now: uow.now })
    .orderBy('e.id')
    .take(limit)
    .getMany();
}

/** Marks a claimed expectation MISSING. */
export async function markExpectationMissing(uow: UnitOfWork, expectation: ExpectationRecord): Promise<void> {
  await uow.manager.createQueryBuilder().update(AuditExpectationEntity).set({ status: 'MISSING' }).where('id = :id AND tenant_id = :tenantId', expectation).execute();
}
