// Driver helper: one keyset page of any (created_at, id)-ordered list, newest first, with the
// filtered total — shared by every Relay connection, in one statement (the total rides along as a
// scalar subquery; only a page past the end needs a second statement to count).
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorPosition } from '../engines/page-cursor.js';

const TOTAL = 'keyset_total_count';

/** Rows after `after` (up to `limit`) and how many rows the filter matches in all. */
export async function keysetPage<T extends ObjectLiteral>(
  filtered: () => SelectQueryBuilder<T>,
  alias: string,
  after: CursorPosition | null,
  limit: number,
  /** Joins for the page's rows only (e.g. a parent read along), never for the count. */
  withRows: (page: SelectQueryBuilder<T>) => SelectQueryBuilder<T> = (page) => page,
): Promise<{ rows: T[]; totalCount: number }> {
  const counted = filtered().select('1');
  const page = withRows(filtered())
    .addSelect(`(SELECT count(*) FROM (${counted.getQuery()}) AS matching)`, TOTAL)
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit);
  if (after) page.andWhere(`(${alias}.created_at, ${alias}.id) < (:afterAt, :afterId)`, { afterAt: after.createdAt, afterId: after.id });
  const { entities, raw } = await page.getRawAndEntities<Record<string, unknown>>();
  if (raw.length > 0) return { rows: entities, totalCount: Number(raw[0][TOTAL]) };
  return { rows: entities, totalCount: after ? await filtered().getCount() : 0 };
}
