// What "nothing was written" is checked against: every table of the database's schema, found in the
// catalog at run time (a new table is covered without touching this file) — its row counts, or its
// row counts with a digest of its contents (so an UPDATE shows as well as an INSERT).

/** Anything that runs SQL and answers rows: a TypeORM DataSource, or a pg pool adapted. */
export interface RowQuery {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A test server (its database) or a bare query function. */
type TablesSource = RowQuery | { database: { dataSource: RowQuery } };

/** Per table: `count:digest` of its rows. */
export type TableSnapshot = Record<string, string>;

/** Tables that are not the product's state (TypeORM's migration log, test-only tables). */
const NOT_STATE = new Set(['migrations', 'test_write_log']);

function queryOf(source: TablesSource): RowQuery {
  return 'database' in source ? source.database.dataSource : source;
}

/** Every ordinary table of the current schema, in name order. */
async function schemaTables(database: RowQuery): Promise<string[]> {
  const tables = (await database.query(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  )) as { name: string }[];
  if (tables.length === 0) throw new Error('no tables found in the current schema');
  return tables.map(({ name }) => name);
}

/** The tables that hold the product's state, in name order. */
export async function productTables(source: TablesSource): Promise<string[]> {
  return (await schemaTables(queryOf(source))).filter((name) => !NOT_STATE.has(name));
}

/** Row counts of every ordinary table in the current schema, by table name (one statement). */
export async function tableRowCounts(source: TablesSource): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await perTable(source, 'count(*)::text')).map(([name, count]) => [name, Number(count)]));
}

/** Row count and content digest of every product table, by table name (one statement). */
export async function snapshotEveryTable(source: TablesSource): Promise<TableSnapshot> {
  return perTable(source, `count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-')`, productTables);
}

/** One aggregate over each table, in one UNION ALL statement. */
async function perTable(source: TablesSource, aggregate: string, tablesOf: (source: TablesSource) => Promise<string[]> = (s) => schemaTables(queryOf(s))): Promise<Record<string, string>> {
  const database = queryOf(source);
  const tables = await tablesOf(source);
  const rows = (await database.query(
    tables.map((name, index) => `SELECT $${index + 1}::text AS name, ${aggregate} AS value FROM ${quoteIdentifier(name)} t`).join(' UNION ALL '),
    tables,
  )) as { name: string; value: string }[];
  return Object.fromEntries(rows.map(({ name, value }) => [name, value]));
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
