// P6: commit-to-receipt latency (p99, p50) with 1,000 graphql-ws subscribers on violationRecorded
// and 50 events/s for 10 s per round; the commit time is when the mutation's HTTP response arrives.
import type { BenchContext } from '../support/context.js';
import { processCpuMs } from '../support/cpu.js';
import { startInstance } from '../support/instances.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, median, monotonicMs, summarise, TIMED_ROUNDS } from '../support/rounds.js';
import type { DeliverySummary } from '../support/subscriber-protocol.js';
import { startSubscribers } from '../support/subscribers.js';
import { produceViolations } from '../support/violation-producer.js';

const SUBSCRIBERS = 1000;
const PER_SECOND = 50;
const SECONDS_PER_ROUND = 10;
/** How long after the last commit a round waits for stragglers; what is still missing counts as lost. */
const DRAIN_MS = 20_000;

/** Measures P6. */
export async function measureDeliveryLatency({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  const [runId] = await world.runs(1);
  const subscribers = await startSubscribers([instance.url], world.keys.viewer, SUBSCRIBERS);
  try {
    await instance.subscribersReach(SUBSCRIBERS);
    const summaries: DeliverySummary[] = [];
    const busy: { server: number; subscribers: number }[] = [];
    let round = 0;
    const figures = await interleave(
      {
        delivery: async () => {
          round += 1;
          const cpuBefore = { server: processCpuMs(instance.pid), subscribers: processCpuMs(subscribers.pid), at: monotonicMs() };
          const commits = await produceViolations({ urls: [instance.url], key: world.keys.operator, runId, label: `p6-${round}`, events: PER_SECOND * SECONDS_PER_ROUND, perSecond: PER_SECOND });
          const summary = await subscribers.collect(commits, DRAIN_MS);
          const wall = monotonicMs() - cpuBefore.at;
          busy.push({ server: (processCpuMs(instance.pid) - cpuBefore.server) / wall, subscribers: (processCpuMs(subscribers.pid) - cpuBefore.subscribers) / wall });
          summaries.push(summary);
          return summary.p99Ms;
        },
      },
      TIMED_ROUNDS,
    );
    const measured = summaries.slice(1);
    const p99 = summarise(figures.delivery, 'higher');
    const p50 = summarise(measured.map((summary) => summary.p50Ms), 'higher');
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
          rounds: measured,
          // Share of one core each process used from the first event to the last receipt.
          serverCoreShare: fixedShare(median(busy.slice(1).map((share) => share.server))),
          subscriberProcessCoreShare: fixedShare(median(busy.slice(1).map((share) => share.subscribers))),
        },
      },
    ];
  } finally {
    await subscribers.close().catch(() => {});
    await instance.stop();
  }
}

function fixedShare(share: number): number {
  return Math.round(share * 100) / 100;
}
