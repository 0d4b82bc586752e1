// F1: the long fuzz run (issue 15): the same campaign as test/e2e/fuzz-inputs.test.ts, with many more
// runs per field and a fresh seed each time (FUZZ_SEED replays one), against a server instance in its
// own process. A finding is an answer that is HTTP 5xx, INTERNAL or untyped, or a refusal that wrote rows.
import { runFuzzCampaign } from '../../test/support/fuzz-campaign.js';
import type { BenchContext } from '../support/context.js';
import { withInstance } from '../support/instances.js';
import type { ResultRow } from '../support/report.js';

const RUNS_PER_FIELD = Number(process.env.FUZZ_RUNS ?? 200);

/** Measures F1. */
export async function measureFuzzing({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const database = { query: async (sql: string, params?: unknown[]) => (await world.pool.query(sql, params)).rows };
  const { rows } = await world.pool.query<{ id: string }>(`(SELECT id FROM contracts LIMIT 2) UNION ALL (SELECT id FROM jobs LIMIT 2) UNION ALL (SELECT id FROM runs LIMIT 2)`);
  const started = Date.now();
  const report = await withInstance({ databaseUrl, publishing: 'on' }, (instance) =>
    runFuzzCampaign({ url: instance.url, key: world.keys.admin, database, knownIds: [...rows.map((row) => row.id), 'default'] }, { seed, runsPerField: RUNS_PER_FIELD }),
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  return [
    {
      id: 'F1',
      measure: `fuzzed requests over every query and mutation argument (${report.fields.length} fields × ${RUNS_PER_FIELD}): findings (5xx, INTERNAL, writes on refusal)`,
      figure: `${report.findings.length} findings in ${report.requests} requests (${report.refusals} refused), seed ${seed}, ${seconds} s`,
      median: report.findings.length,
      worst: report.findings.length,
      goal: '0 findings',
      pass: report.findings.length === 0,
      details: { seed, runsPerField: RUNS_PER_FIELD, requests: report.requests, refusals: report.refusals, fields: report.fields, findings: report.findings },
    },
  ];
}
