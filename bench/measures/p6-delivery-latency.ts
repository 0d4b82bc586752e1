// P6: commit-to-receipt latency (p99, p50) with 1,000 graphql-ws subscribers on violationRecorded
// and 50 events/s for 10 s per round; the commit time is when the mutation's HTTP response arrives.
import type { BenchContext } from '../support/context.js';
import { deliveryRound, roundDiagnostics, type DeliveryRound } from '../support/delivery-round.js';
import { startInstance } from '../support/instances.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, summarise, TIMED_ROUNDS } from '../support/rounds.js';
import { startSubscribers } from '../support/subscribers.js';

const SUBSCRIBERS = 1000;
const PER_SECOND = 50;
const SECONDS_PER_ROUND = 10;
const DRAIN_MS = 20_000;

/** Measures P6. */
export async function measureDeliveryLatency({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  const [runId] = await world.runs(1);
  const subscribers = await startSubscribers([instance.url], world.keys.viewer, SUBSCRIBERS);
  try {
    await instance.subscribersReach(SUBSCRIBERS);
    const rounds: DeliveryRound[] = [];
    const round = async () => {
      const measured = await deliveryRound({ instance, subscribers, operatorKey: world.keys.operator, runId, label: `p6-${rounds.length}`, perSecond: PER_SECOND, seconds: SECONDS_PER_ROUND, drainMs: DRAIN_MS });
      rounds.push(measured);
      return measured.summary.p99Ms;
    };
    const figures = await interleave({ delivery: round }, TIMED_ROUNDS);
    const measured = rounds.slice(1);
    const p99 = summarise(figures.delivery, 'higher');
    const p50 = summarise(measured.map((entry) => entry.summary.p50Ms), 'higher');
    return [
      {
        id: 'P6',
        measure: `p99 commit → receipt, ${SUBSCRIBERS} graphql-ws subscribers, ${PER_SECOND} events/s`,
        figure: `${fixed(p99.median, 0)} ms (worst ${fixed(p99.worst, 0)}); p50 ${fixed(p50.median, 0)} ms`,
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
  } finally {
    await subscribers.close().catch(() => {});
    await instance.stop();
  }
}
