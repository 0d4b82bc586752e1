// Driver: idempotency records. Claiming a key inserts it in the command's transaction; a racing
// claim waits for that transaction and then sees the stored answer (or takes over after a rollback).
import { IdempotencyRecordEntity } from '../../entities/index.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** Identifies a keyed command of one tenant. */
export interface IdempotencyScope {
  tenantId: string;
  operation: string;
  key: string;
}

/** The outcome of a claim: ours to execute, or answered before. */
export type IdempotencyClaim = { claimed: true } | { claimed: false; requestHash: string; resultId: string | null };

/** Claims the key for this transaction, or returns the record a committed command left. */
export async function claimIdempotencyKey(uow: UnitOfWork, scope: IdempotencyScope, requestHash: string): Promise<IdempotencyClaim> {
  const inserted: unknown[] = await uow.manager.query(
    `INSERT INTO idempotency_records (tenant_id, operation, idempotency_key, request_hash, created_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
    [scope.tenantId, scope.operation, scope.key, requestHash, uow.now],
  );
  if (inserted.length === 1) return { claimed: true };
  const existing = await uow.manager.findOneByOrFail(IdempotencyRecordEntity, {
    tenantId: scope.tenantId,
    operation: scope.operation,
    idempotencyKey: scope.key,
  });
  return { claimed: false, requestHash: existing.requestHash, resultId: existing.resultId };
}

/** Stores the result of the claimed command, in its commit. */
export async function recordIdempotentResult(uow: UnitOfWork, scope: IdempotencyScope, resultId: string): Promise<void> {
  await uow.manager
    .createQueryBuilder()
    .update(IdempotencyRecordEntity)
    .set({ resultId })
    .where('tenant_id = :tenantId AND operation = :operation AND idempotency_key = :key', scope)
    .execute();
}

/** The committed record of a key, if any (a read outside any claim). */
export async function findIdempotencyRecord(reader: Pick<UnitOfWork, 'manager'>, scope: IdempotencyScope): Promise<{ requestHash: string; resultId: string | null } | null> {
  return reader.manager.findOne(IdempotencyRecordEntity, {
    select: { requestHash: true, resultId: true },
    where: { tenantId: scope.tenantId, operation: scope.operation, idempotencyKey: scope.key },
  });
}
