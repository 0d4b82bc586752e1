// P8: delivery while a transaction is held open in another database of the same server (as a
// pg_dump or a forgotten psql session would): p99 commit → receipt with it open, as a ratio to the
// same round without it. 100 graphql-ws subscribers, 50 events/s for 10 s per round.
import pg from 'pg';
import type { BenchContext } from '../support/context.js';
import { roundDiagnostics, withSubscribedInstance, type DeliveryRound } from '../support/delivery-round.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, ratios, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const SUBSCRIBERS = 100;
const PER_SECOND = 50;
const SECONDS_PER_ROUND = 10;
const DRAIN_MS = 60_000;

/** Measures P8. */
export function measureForeignTransaction(context: BenchContext): Promise<ResultRow[]> {
  return withSubscribedInstance(context, SUBSCRIBERS, async ({ round }) => {
    const rounds: Record<'quiet' | 'foreign', DeliveryRound[]> = { quiet: [], foreign: [] };
    const variant = (name: 'quiet' | 'foreign') => async () => {
      const run = () => round(`p8-${name}-${rounds[name].length}`, PER_SECOND, SECONDS_PER_ROUND, DRAIN_MS);
      const measured = name === 'foreign' ? await whileForeignTransactionOpen(context.databaseUrl, run) : await run();
      rounds[name].push(measured);
      return measured.summary.p99Ms;
    };
    const figures = await interleave({ quiet: variant('quiet'), foreign: variant('foreign') }, TIMED_ROUNDS);
    const ratio = summarise(ratios(figures.foreign, figures.quiet), 'higher');
    const p99 = (name: 'quiet' | 'foreign') => summarise(figures[name], 'higher').median;
    return [
      {
        id: 'P8',
        measure: `p99 commit → receipt with a transaction open in another database / without, ${SUBSCRIBERS} subscribers, ${PER_SECOND} events/s`,
        figure: `${fixed(ratio.median)} (worst ${fixed(ratio.worst)}); ${fixed(p99('foreign'), 0)} vs ${fixed(p99('quiet'), 0)} ms`,
        median: ratio.median,
        worst: ratio.worst,
        goal: '≤ 1.2',
        pass: ratio.median <= 1.2,
        details: {
          foreignTransaction: "BEGIN; SELECT pg_current_xact_id() in the server's `postgres` database, held open for the whole round",
          ratioRounds: ratio.rounds,
          p99RoundsMs: figures,
          quiet: roundDiagnostics(rounds.quiet.slice(1)),
          foreign: roundDiagnostics(rounds.foreign.slice(1)),
        },
      },
    ];
  });
}

/** Runs `work` while a transaction with a transaction id stays open in the server's `postgres` database. */
async function whileForeignTransactionOpen<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_current_xact_id()');
    return await work();
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}
