// Row checks for run tests: counts of the tables run commands and admin settings write, and the
// refusal check extended to them (a refused run command leaves every table as it was).
import { expectRefusedWithoutWrites } from './refusals.js';
import { countRows, type Table } from './rows.js';
import type { GraphQLResponse, TestServer } from './test-server.js';

const RUN_TABLES = ['runs', 'audit_expectations', 'domain_acks', 'violations', 'skills', 'agent_budgets', 'governance_settings'] as const satisfies readonly Table[];

/** Row counts of every run, audit and governance-configuration table. */
export async function writtenRunRowCounts(server: TestServer): Promise<Record<(typeof RUN_TABLES)[number], number>> {
  const counts = await Promise.all(RUN_TABLES.map(async (table) => [table, await countRows(server, table)] as const));
  return Object.fromEntries(counts) as Record<(typeof RUN_TABLES)[number], number>;
}

/** Sends `request`, expects it refused with `code` and no row written anywhere; returns the error. */
export function expectRunRefusedWithoutWrites(server: TestServer, code: string, request: () => Promise<GraphQLResponse<unknown>>) {
  return expectRefusedWithoutWrites(server, code, request, () => writtenRunRowCounts(server));
}
