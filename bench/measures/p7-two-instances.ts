// P7: two instances on one database, subscribers split over both, the producer alternating between
// them: the fraction of subscribers that received every event of a round exactly once.
import type { BenchContext } from '../support/context.js';
import { startInstances } from '../support/instances.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, summarise } from '../support/rounds.js';
import type { DeliverySummary } from '../support/subscriber-protocol.js';
import { startSubscribers } from '../support/subscribers.js';
import { produceViolations } from '../support/violation-producer.js';

const ROUNDS = 3;
const SUBSCRIBERS = 200;
const EVENTS_PER_ROUND = 150;
const PER_SECOND = 50;
const DRAIN_MS = 10_000;

/** Measures P7. */
export async function measureTwoInstanceDelivery({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const instances = await startInstances(2, { databaseUrl, publishing: 'on' });
  const urls = instances.map((instance) => instance.url);
  const [runId] = await world.runs(1);
  const subscribers = await startSubscribers(urls, world.keys.viewer, SUBSCRIBERS);
  try {
    for (const instance of instances) await instance.subscribersReach(SUBSCRIBERS / 2);
    const summaries: DeliverySummary[] = [];
    let round = 0;
    const figures = await interleave(
      {
        delivery: async () => {
          round += 1;
          const commits = await produceViolations({ urls, key: world.keys.operator, runId, label: `p7-${round}`, events: EVENTS_PER_ROUND, perSecond: PER_SECOND });
          const summary = await subscribers.collect(commits, DRAIN_MS);
          summaries.push(summary);
          return summary.completeSubscribers / summary.subscribers;
        },
      },
      ROUNDS,
    );
    const fraction = summarise(figures.delivery, 'lower');
    return [
      {
        id: 'P7',
        measure: `fraction of subscribers receiving every event, 2 instances, ${SUBSCRIBERS} subscribers`,
        figure: `${fixed(fraction.median, 3)} (worst ${fixed(fraction.worst, 3)})`,
        median: fraction.median,
        worst: fraction.worst,
        goal: '1.000',
        pass: fraction.worst === 1,
        details: { eventsPerRound: EVENTS_PER_ROUND, perSecond: PER_SECOND, fractionRounds: fraction.rounds, rounds: summaries.slice(1) },
      },
    ];
  } finally {
    await subscribers.close().catch(() => {});
    for (const instance of instances) await instance.stop();
  }
}
