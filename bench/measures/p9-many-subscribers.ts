// P9: 10,000 graphql-ws subscribers on one instance (one connection each, in a separate process),
// 5 events/s for 10 s per round — the same 50,000 frames a second as P6 — reported: p99 commit →
// receipt and the server's resident memory with them all connected.
import type { BenchContext } from '../support/context.js';
import { roundDiagnostics, withSubscribedInstance, type DeliveryRound } from '../support/delivery-round.js';
import { processRssMiB } from '../support/memory.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, summarise, TIMED_ROUNDS } from '../support/rounds.js';

const SUBSCRIBERS = 10_000;
const PER_SECOND = 5;
const SECONDS_PER_ROUND = 10;
const DRAIN_MS = 60_000;

/** Measures P9. */
export function measureManySubscribers(context: BenchContext): Promise<ResultRow[]> {
  return withSubscribedInstance(context, SUBSCRIBERS, async ({ instance, round }) => {
    const connectedRssMiB = processRssMiB(instance.pid);
    const rounds: DeliveryRound[] = [];
    const figures = await interleave(
      {
        delivery: async () => {
          const measured = await round(`p9-${rounds.length}`, PER_SECOND, SECONDS_PER_ROUND, DRAIN_MS);
          rounds.push(measured);
          return measured.summary.p99Ms;
        },
      },
      TIMED_ROUNDS,
    );
    const p99 = summarise(figures.delivery, 'higher');
    const diagnostics = roundDiagnostics(rounds.slice(1));
    return [
      {
        id: 'P9',
        measure: `${SUBSCRIBERS} graphql-ws subscribers on one instance, ${PER_SECOND} events/s: p99 commit → receipt; server RSS`,
        figure: `${fixed(p99.median, 0)} ms (worst ${fixed(p99.worst, 0)}); RSS ${connectedRssMiB} MiB connected, ${diagnostics.serverRssMiB} MiB under load`,
        median: p99.median,
        worst: p99.worst,
        goal: 'reported',
        pass: true,
        details: { p99RoundsMs: p99.rounds, connectedRssMiB, ...diagnostics },
      },
    ];
  });
}
