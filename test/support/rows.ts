// Row assertions for end-to-end tests: count or read stored rows straight from the test database,
// filtered by column equality (an array value means "any of"), without SQL in every test file.
import type { TestServer } from './test-server.js';

/** The tables tests look into. */
export type Table =
  | 'tenants' | 'api_keys' | 'contracts' | 'transitions' | 'outbox_events' | 'idempotency_records' | 'jobs' | 'step_results' | 'capability_health'
  | 'runs' | 'audit_expectations' | 'domain_acks' | 'violations' | 'skills' | 'agent_budgets' | 'governance_settings'
  | 'incidents' | 'policy_evaluations' | 'trace_completions' | 'lessons';

/** Column filters: `column = value`, or `column = ANY(values)` for an array. */
export type Where = Record<string, string | number | readonly string[]>;

type HasDatabase = Pick<TestServer, 'database'>;

/** How many rows of `table` match `where`. */
export async function countRows(server: HasDatabase, table: Table, where: Where = {}): Promise<number> {
  const { clause, params } = whereClause(where);
  const rows: { count: string }[] = await server.database.dataSource.query(`SELECT count(*) AS count FROM ${table}${clause}`, params);
  return Number(rows[0].count);
}

/** How many rows of `table` match `where`, per distinct value of `column`. */
export async function countRowsPer(server: HasDatabase, table: Table, column: string, where: Where = {}): Promise<Record<string, number>> {
  const { clause, params } = whereClause(where);
  const rows: { value: string; count: string }[] = await server.database.dataSource.query(
    `SELECT ${columnName(column)}::text AS value, count(*) AS count FROM ${table}${clause} GROUP BY 1`,
    params,
  );
  return Object.fromEntries(rows.map((row) => [row.value, Number(row.count)]));
}

/** The rows of `table` matching `where`, in insertion order where the table has a serial id. */
export async function selectRows<Row = Record<string, unknown>>(server: HasDatabase, table: Table, where: Where = {}): Promise<Row[]> {
  const { clause, params } = whereClause(where);
  const order = table === 'transitions' || table === 'outbox_events' ? ' ORDER BY id' : '';
  return server.database.dataSource.query(`SELECT * FROM ${table}${clause}${order}`, params);
}


function whereClause(where: Where): { clause: string; params: unknown[] } {
  const entries = Object.entries(where);
  if (entries.length === 0) return { clause: '', params: [] };
  const conditions = entries.map(([column, value], index) => `${columnName(column)} ${Array.isArray(value) ? '= ANY' : '='}($${index + 1})`);
  return { clause: ` WHERE ${conditions.join(' AND ')}`, params: entries.map(([, value]) => value) };
}

function columnName(column: string): string {
  if (!/^[a-z_]+$/.test(column)) throw new Error(`Not a column name: ${column}`);
  return column;
}
