// P6: commit-to-receipt latency (p99, p50) with 1,000 graphql-ws subscribers on violationRecorded
// and 50 events/s for 10 s per round; the commit time is when the mutation's HTTP response arrives.
import { readConfig } from '../../src/config.js';
import type { BenchContext } from '../support/context.js';
import { roundDiagnostics, withSubscribedInstance, type DeliveryRound } from '../support/delivery-round.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const SUBSCRIBERS = 1000;
const PER_SECOND = 50;
const SECONDS_PER_ROUND = 10;
const DRAIN_MS = 20_000;

/** Measures P6 — and, as P6′, the same with the other OUTBOX_WRITERS_NOTIFY setting. */
export async function measureDeliveryLatency(context: BenchContext): Promise<ResultRow[]> {
  const defaultNotify = readConfig({}).outboxWritersNotify;
  const [production] = await deliveryLatency(context, 'P6', defaultNotify);
  const [other] = await deliveryLatency(context, 'P6′', !defaultNotify);
  return [production, { ...other, goal: 'compared', pass: true }];
}

function deliveryLatency(context: BenchContext, id: string, writersNotify: boolean): Promise<ResultRow[]> {
  return withSubscribedInstance(context, SUBSCRIBERS, async ({ round }) => {
    const rounds: DeliveryRound[] = [];
    const figures = await interleave(
      {
        delivery: async () => {
          const measured = await round(`p6-${rounds.length}`, PER_SECOND, SECONDS_PER_ROUND, DRAIN_MS);
          rounds.push(measured);
          return measured.summary.p99Ms;
        },
      },
      TIMED_ROUNDS,
    );
    const measured = rounds.slice(1);
    const p99 = summarise(figures.delivery, 'higher');
    const p50 = summarise(measured.map((entry) => entry.summary.p50Ms), 'higher');
    return [
      {
        id,
        measure: `p99 commit → receipt, ${SUBSCRIBERS} graphql-ws subscribers, ${PER_SECOND} events/s, OUTBOX_WRITERS_NOTIFY=${writersNotify}`,
        figure: `${fixed(p99.median, 0)} ms (worst ${fixed(p99.worst, 0)}); p50 ${fixed(p50.median, 0)} ms; server RSS ${Math.max(...measured.map((entry) => entry.serverRssMiB))} MiB`,
        median: p99.median,
        worst: p99.worst,
        goal: '≤ 250 ms',
        pass: p99.median <= 250,
        details: {
          commitTime: "the reportInspection mutation's HTTP response arriving at the producer (the commit precedes it)",
          roundSeconds: SECONDS_PER_ROUND,
          p99RoundsMs: p99.rounds,
          p50RoundsMs: p50.rounds,
          ...roundDiagnostics(measured),
        },
      },
    ];
  }, writersNotify);
}
