// Driver: a run's audit contract — expectations and acks written in the caller's transaction, read
// in batches, and overdue expectations claimed FOR UPDATE SKIP LOCKED for the deadline sweeper.
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditExpectationEntity, DomainAckEntity } from '../../entities/index.js';
import type { AckRecord, ExpectationRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

type Reader = Pick<UnitOfWork, 'manager'>;

/** Inserts a run's expectations. */
export async function insertExpectations(uow: UnitOfWork, expectations: readonly ExpectationRecord[]): Promise<void> {
  await uow.manager.createQueryBuilder().insert().into(AuditExpectationEntity).values([...expectations] as QueryDeepPartialEntity<AuditExpectationEntity>[]).updateEntity(false).execute();
}

/** Records a domain's ack and moves the matching expectation (ACKED, or FAILED for a failed ack). */
export async function recordAck(uow: UnitOfWork, ack: AckRecord): Promise<void> {
  await uow.manager.createQueryBuilder().insert().into(DomainAckEntity).values(ack as QueryDeepPartialEntity<DomainAckEntity>).updateEntity(false).execute();
  if (ack.status === 'ROLLED_BACK') return;
  await uow.manager
    .createQueryBuilder()
    .update(AuditExpectationEntity)
    .set({ status: ack.status === 'FAILED' ? 'FAILED' : 'ACKED', ackedAt: ack.at })
    .where('tenant_id = :tenantId AND run_id = :runId AND domain = :domain AND action = :action', ack)
    .execute();
}

/** The expectations of several runs of one tenant. */
export async function loadExpectations(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<ExpectationRecord[]> {
  return reader.manager.find(AuditExpectationEntity, { where: { tenantId, runId: In([...runIds]) }, order: { deadline: 'ASC', domain: 'ASC' } });
}

/** The acks of several runs of one tenant, oldest first. */
export async function loadAcks(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<AckRecord[]> {
  return reader.manager.find(DomainAckEntity, { where: { tenantId, runId: In([...runIds]) }, order: { at: 'ASC', id: 'ASC' } });
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
