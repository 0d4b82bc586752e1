// Driver: violations (inspection constraints and phase/status invariant breaches) — appended in
// the caller's transaction and read per run in batches.
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ViolationEntity } from '../../entities/index.js';
import type { ViolationRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** Appends violations. */
export async function insertViolations(uow: UnitOfWork, violations: readonly ViolationRecord[]): Promise<void> {
  if (violations.length === 0) return;
  await uow.manager.createQueryBuilder().insert().into(ViolationEntity).values([...violations] as QueryDeepPartialEntity<ViolationEntity>[]).updateEntity(false).execute();
}

/** The violations of several runs of one tenant, newest first. */
export async function loadRunViolations(reader: Pick<UnitOfWork, 'manager'>, tenantId: string, runIds: readonly string[]): Promise<ViolationRecord[]> {
  return reader.manager.find(ViolationEntity, { where: { tenantId, runId: In([...runIds]) }, order: { createdAt: 'DESC', id: 'DESC' } });
}
