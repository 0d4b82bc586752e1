// Row facts about one job for end-to-end tests: its stored row and its contract's (what a refused
// command must leave untouched), and which transaction last wrote a row (for same-commit checks).
import { selectRows } from './rows.js';
import type { TestServer } from './test-server.js';

type HasDatabase = Pick<TestServer, 'database'>;

/** The stored rows of job `jobId` and of its contract. */
export async function jobAndContractRows(server: HasDatabase, jobId: string) {
  const [job] = await selectRows<{ contract_id: string }>(server, 'jobs', { id: jobId });
  const [contract] = await selectRows(server, 'contracts', { id: job.contract_id });
  return { job, contract };
}

/** The id of the transaction that last wrote row `id` of `table` (PostgreSQL's xmin). */
export async function writerTransaction(server: HasDatabase, table: 'jobs' | 'contracts' | 'runs' | 'violations', id: string): Promise<string> {
  const rows: { xmin: string }[] = await server.database.dataSource.query(`SELECT xmin::text AS xmin FROM ${table} WHERE id = $1`, [id]);
  return rows[0].xmin;
}
