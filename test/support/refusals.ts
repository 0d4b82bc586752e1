// "Refused and nothing written" for end-to-end tests: row counts of every table in the database's
// schema (found in the catalog at run time, so a new table is covered without touching this file),
// and a check that a request was answered with one error code and changed none of them.
import { expect } from 'vitest';
import { errorCode } from './responses.js';
import type { GraphQLResponse, TestServer } from './test-server.js';

type HasDatabase = Pick<TestServer, 'database'>;

/** Row counts of every ordinary table in the current schema, by table name. */
export async function tableRowCounts(server: HasDatabase): Promise<Record<string, number>> {
  const database = server.database.dataSource;
  const tables: { name: string }[] = await database.query(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  if (tables.length === 0) throw new Error('no tables found in the current schema');
  const counts: { name: string; count: string }[] = await database.query(
    tables.map(({ name }, index) => `SELECT $${index + 1}::text AS name, count(*) AS count FROM ${quoteIdentifier(name)}`).join(' UNION ALL '),
    tables.map(({ name }) => name),
  );
  return Object.fromEntries(counts.map(({ name, count }) => [name, Number(count)]));
}

/** Sends `request`, expects it refused with `code`, no table's row count changed and `readBack` unchanged; returns the error. */
export async function expectRefusedWithoutWrites(
  server: HasDatabase,
  code: string,
  request: () => Promise<GraphQLResponse<unknown>>,
  readBack: () => Promise<unknown> = async () => null,
) {
  const objectsBefore = await readBack();
  const rowsBefore = await tableRowCounts(server);
  const response = await request();
  expect(response.data ?? null).toBeNull();
  expect(errorCode(response)).toBe(code);
  expect(await tableRowCounts(server)).toEqual(rowsBefore);
  expect(await readBack()).toEqual(objectsBefore);
  return response.errors![0];
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
