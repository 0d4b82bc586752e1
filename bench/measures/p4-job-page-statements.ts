// P4: SQL statements one jobs(first: 10 / 100 / 500) request with nested contract, stepResults and
// transitions costs — the server's own db_statements_total before and after each request.
import type { BenchContext } from '../support/context.js';
import { gql } from '../support/graphql.js';
import { startInstance } from '../support/instances.js';
import { JOB_COUNT, JOB_PAGE } from '../support/job-page.js';
import type { ResultRow } from '../support/report.js';
import { interleave, summarise } from '../support/rounds.js';

const ROUNDS = 3;
const PAGE_SIZES = [10, 100, 500] as const;

/** Measures P4. */
export async function measureJobPageStatements({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  await world.jobs(JOB_COUNT);
  // The 500-row page costs 18,501 (README "Query cost"): above the default limit, which P4 does not
  // measure. Every request looks its key up, so the count does not depend on the key cache's timing.
  const instance = await startInstance({ databaseUrl, publishing: 'on', maxQueryCost: 20_000, apiKeyCacheTtlMs: 0 });
  try {
    const page = (first: number) => async () => {
      const before = await instance.statementsSent();
      const { jobs } = await gql<{ jobs: { nodes: unknown[] } }>(instance.url, world.keys.viewer, JOB_PAGE, { first });
      const statements = (await instance.statementsSent()) - before;
      if (jobs.nodes.length !== Math.min(first, JOB_COUNT)) throw new Error(`jobs(first: ${first}) returned ${jobs.nodes.length} jobs`);
      return statements;
    };
    const figures = await interleave(Object.fromEntries(PAGE_SIZES.map((first) => [`first${first}`, page(first)])), ROUNDS);
    const bySize = PAGE_SIZES.map((first) => summarise(figures[`first${first}`], 'higher'));
    const all = bySize.flatMap((size) => size.rounds);
    const identical = all.every((count) => count === all[0]);
    const worst = Math.max(...all);
    return [
      {
        id: 'P4',
        measure: 'SQL statements for jobs(first: 10 / 100 / 500) with nested contract, stepResults, transitions',
        figure: `${bySize.map((size) => size.median).join(' / ')} (worst ${worst})`,
        median: Math.max(...bySize.map((size) => size.median)),
        worst,
        goal: 'identical, ≤ 4',
        pass: identical && worst <= 4,
        details: {
          rounds: Object.fromEntries(PAGE_SIZES.map((first, index) => [first, bySize[index].rounds])),
          identical,
          breakdown: 'authentication 1 (API-key lookup, key cache off) + 1: the page rows with their total, contract, step results and transitions (JSON) in one statement',
        },
      },
    ];
  } finally {
    await instance.stop();
  }
}
