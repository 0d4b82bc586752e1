// Driver helper: one keyset page of any (created_at, id)-ordered list, newest first, with the
// filtered total — shared by every Relay connection.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorPosition } from '../engines/page-cursor.js';

/** Rows after `after` (up to `limit`) and how many rows the filter matches in all. */
export async function keysetPage<T extends ObjectLiteral>(
  filtered: () => SelectQueryBuilder<T>,
  alias: string,
  after: CursorPosition | null,
  limit: number,
): Promise<{ rows: T[]; totalCount: number }> {
  const page = filtered().orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(limit);
  if (after) page.andWhere(`(${alias}.created_at, ${alias}.id) < (:afterAt, :afterId)`, { afterAt: after.createdAt, afterId: after.id });
  const [rows, totalCount] = await Promise.all([page.getMany(), filtered().getCount()]);
  return { rows, totalCount };
}
