// P10: what the tenant wall (row-level security, forced on every tenant table) costs the product —
// completeRun/s at 4 clients (P2's load) and the p50 of the jobs page (P5's read) with the wall on
// over the same with row-level security disabled on every tenant table, in interleaved rounds on
// one instance. Off keeps everything else: the server's role, the tenant setting in the transaction.
import type { BenchContext } from '../support/context.js';
import { completeFreshRuns, overGraphql } from '../support/completions.js';
import { gql } from '../support/graphql.js';
import { startInstance } from '../support/instances.js';
import { JOB_COUNT, JOB_PAGE, JOB_PAGE_FIRST } from '../support/job-page.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, median, ratios, sequentialP50, summarise, TIMED_ROUNDS } from '../support/rounds.js';
import { withoutTenantWall } from '../support/tenant-wall.js';

const CLIENTS = 4;
const COMPLETIONS_PER_ROUND = 600;
const PAGE_READS_PER_ROUND = 50;

/** Measures P10 for completions and for the jobs page. */
export async function measureTenantWallCost({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  await world.jobs(JOB_COUNT);
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  try {
    const wall = <T>(on: boolean, work: () => Promise<T>) => (on ? work() : withoutTenantWall(world.pool, work));
    const completions = (on: boolean) => () =>
      wall(on, async () => (await completeFreshRuns(world, instance, COMPLETIONS_PER_ROUND, overGraphql(world, instance, CLIENTS))).perSecond);
    const pages = (on: boolean) => () => wall(on, () => sequentialP50(PAGE_READS_PER_ROUND, () => gql(instance.url, world.keys.viewer, JOB_PAGE, { first: JOB_PAGE_FIRST })));
    const throughput = await interleave({ on: completions(true), off: completions(false) }, TIMED_ROUNDS);
    const latency = await interleave({ on: pages(true), off: pages(false) }, TIMED_ROUNDS);
    const throughputRatio = summarise(ratios(throughput.on, throughput.off), 'lower');
    const latencyRatio = summarise(ratios(latency.on, latency.off), 'higher');
    return [
      {
        id: `P10 (P2)`,
        measure: `completeRun/s with the tenant wall / without it (row-level security disabled), ${CLIENTS} clients`,
        figure: `${fixed(throughputRatio.median)} (worst ${fixed(throughputRatio.worst)}); ${fixed(median(throughput.on), 0)} vs ${fixed(median(throughput.off), 0)} /s`,
        median: throughputRatio.median,
        worst: throughputRatio.worst,
        goal: 'reported (no goal)',
        pass: true,
        details: { clients: CLIENTS, completionsPerRound: COMPLETIONS_PER_ROUND, onPerSecond: throughput.on, offPerSecond: throughput.off, ratioRounds: throughputRatio.rounds },
      },
      {
        id: `P10 (P5)`,
        measure: `p50 latency of jobs(first: ${JOB_PAGE_FIRST}) nested with the tenant wall / without it`,
        figure: `${fixed(latencyRatio.median)} (worst ${fixed(latencyRatio.worst)}); ${fixed(median(latency.on), 1)} vs ${fixed(median(latency.off), 1)} ms`,
        median: latencyRatio.median,
        worst: latencyRatio.worst,
        goal: 'reported (no goal)',
        pass: true,
        details: { readsPerRound: PAGE_READS_PER_ROUND, onP50Ms: latency.on, offP50Ms: latency.off, ratioRounds: latencyRatio.rounds },
      },
    ];
  } finally {
    await instance.stop();
  }
}
