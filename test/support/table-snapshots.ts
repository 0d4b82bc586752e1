// Whole-database snapshots for "nothing was written" checks: every table's row count and a digest of
// its contents (so an UPDATE shows as well as an INSERT), read straight from the test database.
import type { TestServer } from './test-server.js';

/** Per table: `count:digest` of its rows. */
export type TableSnapshot = Record<string, string>;

/** Tables that are not the product's state (TypeORM's migration log, test-only tables). */
const NOT_STATE = ['migrations', 'test_write_log'];

/** The names of the tables that hold the product's state, in name order. */
export async function productTables(server: Pick<TestServer, 'database'>): Promise<string[]> {
  const tables: { name: string }[] = await server.database.dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY 1`,
    [NOT_STATE],
  );
  return tables.map(({ name }) => name);
}

/** Snapshots every product table. */
export async function snapshotEveryTable(server: Pick<TestServer, 'database'>): Promise<TableSnapshot> {
  const database = server.database.dataSource;
  const snapshot: TableSnapshot = {};
  for (const name of await productTables(server)) {
    const [{ count, digest }]: { count: string; digest: string | null }[] = await database.query(`SELECT count(*) AS count, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`);
    snapshot[name] = `${count}:${digest ?? '-'}`;
  }
  return snapshot;
}
