// Driver helper: one keyset page of any (created_at, id)-ordered list, newest first, with the
// filtered total — shared by every Relay connection, in one statement (the total rides along as a
// scalar subquery; only a page past the end needs a second statement to count). Built with the query
// builder, or as plain SQL whose rows arrive as records (no entity hydration) for the hot reads.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { CursorPosition } from '../engines/page-cursor.js';
import type { UnitOfWork } from '../unit-of-work.js';

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

/** A plain-SQL keyset list: its table, the select list of its rows (under `alias`), and the filter. */
export interface PlainKeysetQuery {
  table: string;
  alias: string;
  /** Select list of a page row, columns named as the record's properties. */
  select: string;
  /** Conditions on unqualified columns (so they serve the page and its count), the tenant's first. */
  conditions: readonly string[];
  /** Their parameters, $1 first. */
  parameters: readonly unknown[];
}

/** Rows after `after` (up to `limit`) as records, and how many rows the conditions match in all. */
export async function plainKeysetPage<T>(reader: Pick<UnitOfWork, 'manager'>, query: PlainKeysetQuery, after: CursorPosition | null, limit: number): Promise<{ rows: T[]; totalCount: number }> {
  const { table, alias } = query;
  const parameters = [...query.parameters];
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  const where = query.conditions.join(' AND ');
  const keyset = after ? ` AND (${alias}.created_at, ${alias}.id) < (${parameter(after.createdAt)}, ${parameter(after.id)})` : '';
  const rows: Record<string, unknown>[] = await reader.manager.query(
    `SELECT ${query.select}, (SELECT count(*) FROM "${table}" WHERE ${where}) AS "${TOTAL}" FROM "${table}" ${alias} ` +
      `WHERE ${where}${keyset} ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${parameter(limit)}`,
    parameters,
  );
  if (rows.length === 0) {
    const totalCount = after ? Number((await reader.manager.query(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, [...query.parameters]))[0].n) : 0;
    return { rows: [], totalCount };
  }
  const totalCount = Number(rows[0][TOTAL]);
  for (const row of rows) delete row[TOTAL];
  return { rows: rows as T[], totalCount };
}
