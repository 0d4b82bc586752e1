// Driver: lessons — appended at run completion, locked and updated by review, read by run and as a
// filtered keyset page.
import { LessonEntity } from '../../entities/index.js';
import { ConflictError } from '../errors.js';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { LessonCountRecord, LessonRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { keysetPage } from './keyset-page.js';
import { insertRows, lockRow, rowsByKeys } from './plain-rows.js';
import type { Reader } from '../scoped-transactions.js';

/** Appends lessons. */
export async function insertLessons(uow: UnitOfWork, lessons: readonly LessonRecord[]): Promise<void> {
  await insertRows(uow, LessonEntity, lessons);
}

/** One lesson of the tenant, locked until commit; null when absent. */
export async function lockLesson(uow: UnitOfWork, tenantId: string, id: string): Promise<LessonRecord | null> {
  return lockRow(uow, LessonEntity, tenantId, id);
}

/** Up to `limit` deferred lessons of any tenant whose time has come, locked (SKIP LOCKED) until commit. */
export async function claimDueDeferredLessons(uow: UnitOfWork, limit: number): Promise<LessonRecord[]> {
  return uow.manager
    .createQueryBuilder(LessonEntity, 'l')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where(`l.status = 'DEFERRED' AND l.deferred_until <= :now`, { now: uow.now })
    .orderBy('l.deferred_until')
    .addOrderBy('l.id')
    .take(limit)
    .getMany();
}

/** Writes a review decision on a locked lesson; returns the stored row. */
export async function updateLesson(uow: UnitOfWork, lesson: LessonRecord, change: Pick<LessonRecord, 'status' | 'deferredUntil' | 'decidedBy' | 'decisionReason'>): Promise<LessonRecord> {
  const result = await uow.manager
    .createQueryBuilder()
    .update(LessonEntity)
    .set({ ...change, updatedAt: uow.now })
    .where('id = :id AND tenant_id = :tenantId AND status = :status', { id: lesson.id, tenantId: lesson.tenantId, status: lesson.status })
    .execute();
  if (result.affected !== 1) throw new ConflictError(`Lesson ${lesson.id} was changed by another writer`);
  return { ...lesson, ...change, updatedAt: uow.now };
}

/** The lessons of several runs of one tenant. */
export async function loadRunLessons(reader: Reader, tenantId: string, runIds: readonly string[]): Promise<LessonRecord[]> {
  return rowsByKeys(reader, LessonEntity, tenantId, 'runId', runIds, { createdAt: 'ASC', id: 'ASC' });
}

/** How many lessons of each type and status the tenant has (only combinations that occur), in a stable order. */
export async function countLessons(reader: Reader, tenantId: string): Promise<LessonCountRecord[]> {
  const rows: { type: string; status: string; count: string }[] = await reader.manager
    .createQueryBuilder(LessonEntity, 'l')
    .select('l.type', 'type')
    .addSelect('l.status', 'status')
    .addSelect('count(*)', 'count')
    .where('l.tenant_id = :tenantId', { tenantId })
    .groupBy('l.type')
    .addGroupBy('l.status')
    .orderBy('l.type')
    .addOrderBy('l.status')
    .getRawMany();
  return rows.map((row) => ({ type: row.type, status: row.status, count: Number(row.count) }));
}

/** Up to `limit` lessons after `after` (of the given statuses), newest first, and the total. */
export async function listLessons(reader: Reader, tenantId: string, statuses: readonly string[] | null, after: CursorPosition | null, limit: number) {
  const filtered = () => {
    const query = reader.manager.createQueryBuilder(LessonEntity, 'l').where('l.tenant_id = :tenantId', { tenantId });
    if (statuses?.length) query.andWhere('l.status IN (:...statuses)', { statuses });
    return query;
  };
  return keysetPage(filtered, 'l', after, limit);
}
