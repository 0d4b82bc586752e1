// P5: median latency of jobs(first: 100) with nested fields through GraphQL (HTTP round trip, API
// key, the real server) over one hand-written SQL query producing the same JSON with raw `pg`.
import { isDeepStrictEqual } from 'node:util';
import type { BenchContext } from '../support/context.js';
import { measureCpu, medianSplit, perOperation, type CpuSplit } from '../support/cpu.js';
import { gql } from '../support/graphql.js';
import { startInstance } from '../support/instances.js';
import { JOB_COUNT, JOB_PAGE, JOB_PAGE_FIRST, JOB_PAGE_SQL } from '../support/job-page.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, ratios, sequentialP50, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const FIRST = JOB_PAGE_FIRST;
const REQUESTS_PER_ROUND = 50;

/** Measures P5. */
export async function measureJobPageLatency({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  await world.jobs(JOB_COUNT);
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  const client = await world.pool.connect();
  try {
    const throughGraphql = () => gql(instance.url, world.keys.viewer, JOB_PAGE, { first: FIRST });
    const throughSql = async () => (await client.query(JOB_PAGE_SQL, ['default', FIRST])).rows[0].body;
    const [viaGraphql, viaSql] = [await throughGraphql(), await throughSql()];
    if (!isDeepStrictEqual(viaGraphql, viaSql)) throw new Error('the hand-written query does not produce the GraphQL answer');
    const cpu: Record<'graphql' | 'sql', CpuSplit[]> = { graphql: [], sql: [] };
    const p50 = (variant: 'graphql' | 'sql', read: () => Promise<unknown>) => async () => {
      const { result: p50Ms, cpu: spent } = await measureCpu(world.pool, [instance.pid], () => sequentialP50(REQUESTS_PER_ROUND, read));
      cpu[variant].push(perOperation(spent, REQUESTS_PER_ROUND));
      return p50Ms;
    };
    const figures = await interleave({ graphql: p50('graphql', throughGraphql), sql: p50('sql', throughSql) }, TIMED_ROUNDS);
    const ratio = summarise(ratios(figures.graphql, figures.sql), 'higher');
    return [
      {
        id: 'P5',
        measure: `p50 latency of jobs(first: ${FIRST}) nested, GraphQL / raw pg (same JSON, one query)`,
        figure: `${fixed(ratio.median)} (worst ${fixed(ratio.worst)}); ${fixed(summarise(figures.graphql, 'higher').median, 1)} vs ${fixed(summarise(figures.sql, 'higher').median, 1)} ms`,
        median: ratio.median,
        worst: ratio.worst,
        goal: '≤ 1.5',
        pass: ratio.median <= 1.5,
        details: {
          graphqlP50Ms: figures.graphql,
          sqlP50Ms: figures.sql,
          ratioRounds: ratio.rounds,
          requestsPerRound: REQUESTS_PER_ROUND,
          sameJson: true,
          cpuMsPerRequest: { graphql: medianSplit(cpu.graphql.slice(1)), sql: medianSplit(cpu.sql.slice(1)) },
        },
      },
    ];
  } finally {
    client.release();
    await instance.stop();
  }
}
