// Row counts of every table in the database's schema, found in the catalog at run time (a new table
// is covered without touching this file): what "nothing was written" is checked against.

/** Anything that runs SQL and answers rows: a TypeORM DataSource, or a pg pool adapted. */
export interface RowQuery {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A test server (its database) or a bare query function. */
type CountsSource = RowQuery | { database: { dataSource: RowQuery } };

/** Row counts of every ordinary table in the current schema, by table name. */
export async function tableRowCounts(source: CountsSource): Promise<Record<string, number>> {
  const database = 'database' in source ? source.database.dataSource : source;
  const tables = (await database.query(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  )) as { name: string }[];
  if (tables.length === 0) throw new Error('no tables found in the current schema');
  const counts = (await database.query(
    tables.map(({ name }, index) => `SELECT $${index + 1}::text AS name, count(*) AS count FROM ${quoteIdentifier(name)}`).join(' UNION ALL '),
    tables.map(({ name }) => name),
  )) as { name: string; count: string }[];
  return Object.fromEntries(counts.map(({ name, count }) => [name, Number(count)]));
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
