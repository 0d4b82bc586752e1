// P8: delivery while a transaction is held open in another database of the same server (as a
// pg_dump or a forgotten psql session would): p99 commit → receipt with it open, as a ratio to the
// same round without it. 100 graphql-ws subscribers, 50 events/s for 10 s per round.
import pg from 'pg';
import type { BenchContext } from '../support/context.js';
import { deliveryRound, roundDiagnostics, type DeliveryRound } from '../support/delivery-round.js';
import { startInstance } from '../support/instances.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, ratios, summarise, TIMED_ROUNDS } from '../support/rounds.js';
import { startSubscribers } from '../support/subscribers.js';

const SUBSCRIBERS = 100;
const PER_SECOND = 50;
const SECONDS_PER_ROUND = 10;
const DRAIN_MS = 60_000;

/** Measures P8. */
export async function measureForeignTransaction({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  const [runId] = await world.runs(1);
  const subscribers = await startSubscribers([instance.url], world.keys.viewer, SUBSCRIBERS);
  try {
    await instance.subscribersReach(SUBSCRIBERS);
    const rounds: Record<'quiet' | 'foreign', DeliveryRound[]> = { quiet: [], foreign: [] };
    const round = (variant: 'quiet' | 'foreign') => async () => {
      const plan = { instance, subscribers, operatorKey: world.keys.operator, runId, label: `p8-${variant}-${rounds[variant].length}`, perSecond: PER_SECOND, seconds: SECONDS_PER_ROUND, drainMs: DRAIN_MS };
      const measured = variant === 'foreign' ? await whileForeignTransactionOpen(databaseUrl, () => deliveryRound(plan)) : await deliveryRound(plan);
      rounds[variant].push(measured);
      return measured.summary.p99Ms;
    };
    const figures = await interleave({ quiet: round('quiet'), foreign: round('foreign') }, TIMED_ROUNDS);
    const ratio = summarise(ratios(figures.foreign, figures.quiet), 'higher');
    const p99 = (variant: 'quiet' | 'foreign') => summarise(figures[variant], 'higher').median;
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
  } finally {
    await subscribers.close().catch(() => {});
    await instance.stop();
  }
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
