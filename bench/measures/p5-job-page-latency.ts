// P5: median latency of jobs(first: 100) with nested fields through GraphQL (HTTP round trip, API
// key, the real server) over one hand-written SQL query producing the same JSON with raw `pg`. Beside
// them, in the same interleaved rounds: the page executed by graphql-js (an instance with compiled
// reads off), and a request that reads nothing (`{ __typename }`) — what any GraphQL request over
// HTTP costs here, whatever it reads.
import { isDeepStrictEqual } from 'node:util';
import type { BenchContext } from '../support/context.js';
import { measureCpu, medianSplit, perOperation, type CpuSplit } from '../support/cpu.js';
import { gql } from '../support/graphql.js';
import { startInstance, type Instance } from '../support/instances.js';
import { JOB_COUNT, JOB_PAGE, JOB_PAGE_FIRST, JOB_PAGE_SQL } from '../support/job-page.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, ratios, sequentialP50, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const FIRST = JOB_PAGE_FIRST;
const REQUESTS_PER_ROUND = 50;

type Variant = 'compiled' | 'executed' | 'sql' | 'nothing';

/** Measures P5. */
export async function measureJobPageLatency({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  await world.jobs(JOB_COUNT);
  const compiled = await startInstance({ databaseUrl, publishing: 'on' });
  const executed = await startInstance({ databaseUrl, publishing: 'on', compiledReads: false });
  const client = await world.pool.connect();
  try {
    const page = (instance: Instance) => () => gql(instance.url, world.keys.viewer, JOB_PAGE, { first: FIRST });
    const throughSql = async () => (await client.query(JOB_PAGE_SQL, ['default', FIRST])).rows[0].body;
    const viaSql = await throughSql();
    for (const instance of [compiled, executed]) {
      if (!isDeepStrictEqual(await page(instance)(), viaSql)) throw new Error('the hand-written query does not produce the GraphQL answer');
    }
    const cpu: Record<Variant, CpuSplit[]> = { compiled: [], executed: [], sql: [], nothing: [] };
    const p50 = (variant: Variant, pid: number, read: () => Promise<unknown>) => async () => {
      const { result: p50Ms, cpu: spent } = await measureCpu(world.pool, [pid], () => sequentialP50(REQUESTS_PER_ROUND, read));
      cpu[variant].push(perOperation(spent, REQUESTS_PER_ROUND));
      return p50Ms;
    };
    const figures = await interleave(
      {
        compiled: p50('compiled', compiled.pid, page(compiled)),
        executed: p50('executed', executed.pid, page(executed)),
        sql: p50('sql', compiled.pid, throughSql),
        nothing: p50('nothing', compiled.pid, () => gql(compiled.url, world.keys.viewer, '{ __typename }')),
      },
      TIMED_ROUNDS,
    );
    const ratio = summarise(ratios(figures.compiled, figures.sql), 'higher');
    const executedRatio = summarise(ratios(figures.executed, figures.sql), 'higher');
    const ms = (variant: Variant) => fixed(summarise(figures[variant], 'higher').median, 1);
    return [
      {
        id: 'P5',
        measure: `p50 latency of jobs(first: ${FIRST}) nested, GraphQL / raw pg (same JSON, one query)`,
        figure: `${fixed(ratio.median)} (worst ${fixed(ratio.worst)}); ${ms('compiled')} vs ${ms('sql')} ms; executed by graphql-js ${fixed(executedRatio.median)} (${ms('executed')} ms); a request reading nothing ${ms('nothing')} ms`,
        median: ratio.median,
        worst: ratio.worst,
        goal: '≤ 1.5',
        pass: ratio.median <= 1.5,
        details: {
          p50Ms: figures,
          ratioRounds: ratio.rounds,
          executedRatioRounds: executedRatio.rounds,
          requestsPerRound: REQUESTS_PER_ROUND,
          sameJson: true,
          cpuMsPerRequest: Object.fromEntries(Object.entries(cpu).map(([variant, splits]) => [variant, medianSplit((splits as CpuSplit[]).slice(1))])),
        },
      },
    ];
  } finally {
    client.release();
    await compiled.stop();
    await executed.stop();
  }
}
