// P2: completeRun throughput through GraphQL (autocannon, a distinct run per request) over the same
// transaction by raw `pg` with the product's pool size, at 4 and 16 clients, with where the CPU went;
// and the same through an instance with tracing on (spans exported over OTLP to a local sink); and, as
// P2 naive, over a naive hand-written transaction (one awaited statement per step), with the server's RSS.
import pg from 'pg';
import { COMPLETER, type BenchContext } from '../support/context.js';
import { completeFreshRuns, overGraphql } from '../support/completions.js';
import { medianSplit, type CpuSplit } from '../support/cpu.js';
import { COMPLETION } from '../support/graphql.js';
import { startInstance } from '../support/instances.js';
import { startOtlpSink } from '../support/otlp-sink.js';
import { poolLoad } from '../support/load.js';
import { processRssMiB } from '../support/memory.js';
import { completeRunNaive } from '../support/naive-completion.js';
import { completeRunRaw } from '../support/raw-completion.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, median, ratios, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const POOL_SIZE = 10;
/** Completions per round of each variant (a round takes a few seconds on a 2-core machine). */
const PER_ROUND = { graphql: 600, traced: 600, raw: 1200, naive: 600 };
type Variant = keyof typeof PER_ROUND;

/** Measures P2 at 4 and 16 clients. */
export async function measureCompletionThroughput({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  const sink = await startOtlpSink();
  const traced = await startInstance({ databaseUrl, publishing: 'on', otlpEndpoint: sink.endpoint });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  try {
    const rows: ResultRow[] = [];
    for (const clients of [4, 16]) {
      const cpu: Record<Variant, CpuSplit[]> = { graphql: [], traced: [], raw: [], naive: [] };
      /** The server's RSS right after each of its load rounds. */
      const rssMiB: number[] = [];
      const completions = (variant: Variant, load: (ids: string[]) => Promise<number>) => async () => {
        const round = await completeFreshRuns(world, variant === 'traced' ? traced : instance, PER_ROUND[variant], load);
        cpu[variant].push(round.cpu);
        if (variant === 'graphql') rssMiB.push(processRssMiB(instance.pid));
        return round.perSecond;
      };
      const figures = await interleave(
        {
          graphql: completions('graphql', overGraphql(world, instance, clients)),
          traced: completions('traced', overGraphql(world, traced, clients)),
          raw: completions('raw', (ids) => poolLoad(pool, clients, ids, (client, id) => completeRunRaw(client, COMPLETER, id, COMPLETION))),
          naive: completions('naive', (ids) => poolLoad(pool, clients, ids, (client, id) => completeRunNaive(client, COMPLETER, id, COMPLETION))),
        },
        TIMED_ROUNDS,
      );
      const ratio = summarise(ratios(figures.graphql, figures.raw), 'lower');
      rows.push({
        id: `P2 (${clients})`,
        measure: `completeRun/s, GraphQL / raw pg (pool ${POOL_SIZE}), ${clients} clients`,
        figure: `${fixed(ratio.median)} (worst ${fixed(ratio.worst)}); ${fixed(median(figures.graphql), 0)} vs ${fixed(median(figures.raw), 0)} /s; server RSS ${Math.max(...rssMiB)} MiB`,
        median: ratio.median,
        worst: ratio.worst,
        goal: '≥ 0.65',
        pass: ratio.median >= 0.65,
        details: {
          clients,
          graphqlPerSecond: figures.graphql,
          rawPerSecond: figures.raw,
          ratioRounds: ratio.rounds,
          completionsPerRound: PER_ROUND,
          cpuMsPerCompletion: { graphql: medianSplit(cpu.graphql.slice(1)), raw: medianSplit(cpu.raw.slice(1)) },
          serverRssMiBAfterRounds: rssMiB,
        },
      });
      const naiveRatio = summarise(ratios(figures.graphql, figures.naive), 'lower');
      rows.push({
        id: `P2 naive (${clients})`,
        measure: `completeRun/s, GraphQL / naive hand-written pg (one awaited statement per step, pool ${POOL_SIZE}), ${clients} clients`,
        figure: `${fixed(naiveRatio.median)} (worst ${fixed(naiveRatio.worst)}); ${fixed(median(figures.graphql), 0)} vs ${fixed(median(figures.naive), 0)} /s`,
        median: naiveRatio.median,
        worst: naiveRatio.worst,
        goal: '≥ 1.0',
        pass: naiveRatio.median >= 1,
        details: { clients, naivePerSecond: figures.naive, ratioRounds: naiveRatio.rounds, cpuMsPerCompletion: medianSplit(cpu.naive.slice(1)) },
      });
      const tracedRatio = summarise(ratios(figures.traced, figures.raw), 'lower');
      const tracingCost = summarise(ratios(figures.traced, figures.graphql), 'lower');
      rows.push({
        id: `P2 traced (${clients})`,
        measure: `P2 with tracing on (OTLP export to a local sink), ${clients} clients: GraphQL traced / raw pg`,
        figure: `${fixed(tracedRatio.median)} (worst ${fixed(tracedRatio.worst)}); ${fixed(median(figures.traced), 0)} /s, ${fixed(tracingCost.median)} of untraced`,
        median: tracedRatio.median,
        worst: tracedRatio.worst,
        goal: 'reported (no goal)',
        pass: true,
        details: {
          clients,
          tracedPerSecond: figures.traced,
          tracedOverUntraced: tracingCost.rounds,
          exportedBytes: sink.receivedBytes,
          cpuMsPerCompletion: medianSplit(cpu.traced.slice(1)),
        },
      });
    }
    return rows;
  } finally {
    await pool.end();
    await instance.stop();
    await traced.stop();
    await sink.close();
  }
}
