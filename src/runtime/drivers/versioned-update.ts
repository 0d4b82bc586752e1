// Driver helper: the optimistic-lock update every versioned row uses — written only if its version
// is still the one that was read, version + 1; CONFLICT when another writer got there first.
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ConflictError } from '../errors.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** A row with an id, a tenant and a version. */
export interface VersionedRow {
  id: string;
  tenantId: string;
  version: number;
}

/** Writes `changes` (which must include the new version) over `current`; returns the stored row. */
export async function updateVersioned<Row extends VersionedRow, Entity extends ObjectLiteral>(
  uow: UnitOfWork,
  entity: EntityTarget<Entity>,
  kind: string,
  current: Row,
  changes: Partial<Row>,
): Promise<Row> {
  const next: Row = { ...current, ...changes, version: current.version + 1 };
  const result = await uow.manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: next.version } as unknown as QueryDeepPartialEntity<Entity>)
    .where('id = :id AND tenant_id = :tenantId AND version = :version', { id: current.id, tenantId: current.tenantId, version: current.version })
    .execute();
  if (result.affected !== 1) throw new ConflictError(`${kind} ${current.id} was changed by another writer`);
  return next;
}
