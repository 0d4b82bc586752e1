// P3: completeRun throughput with event publishing on / off at 32 clients — on: the production
// instance with 100 live subscribers; off: a bench-only composition publishing nothing (see INTERPRETATION).
import type { BenchContext } from '../support/context.js';
import { completeFreshRuns, overGraphql } from '../support/completions.js';
import { medianSplit, type CpuSplit } from '../support/cpu.js';
import { withInstance } from '../support/instances.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, median, ratios, summarise, TIMED_ROUNDS } from '../support/rounds.js';
import { subscribeMany, subscribeOverWs } from '../support/ws-subscriber.js';

const CLIENTS = 32;
const SUBSCRIBERS = 100;
const PER_ROUND = 800;

/** There is no production switch for publishing (events are part of the commit); this is what on and off mean. */
const INTERPRETATION =
  'on = production instance with 100 live graphql-ws subscribers (jobEvents, violationRecorded; completeRun publishes run.completed, incident.created and policy.evaluated, which they do not select): every commit writes its 3 events + NOTIFY, the instance reads them back and matches them; off = bench-only composition whose completion steps drop their events before the commit (no outbox row, no NOTIFY, nothing to read). Same database, same commands otherwise; one instance runs at a time.';

/** Measures P3; each round starts its variant's instance alone (another instance's outbox reader would add its reads to "on"). */
export async function measurePublishingCost({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const cpu: Record<'on' | 'off', CpuSplit[]> = { on: [], off: [] };
  const completions = (publishing: 'on' | 'off') => () =>
    withInstance({ databaseUrl, publishing }, async (instance) => {
      const subscribers =
        publishing === 'on'
          ? await subscribeMany(SUBSCRIBERS, 20, (index) => subscribeOverWs(instance.url, world.keys.viewer, index % 2 === 0 ? 'subscription { jobEvents { id type } }' : 'subscription { violationRecorded { id } }', {}, () => {}))
          : [];
      try {
        await instance.subscribersReach(subscribers.length);
        const round = await completeFreshRuns(world, instance, PER_ROUND, overGraphql(world, instance, CLIENTS));
        cpu[publishing].push(round.cpu);
        const failures = subscribers.flatMap((subscriber) => subscriber.failures);
        if (failures.length > 0) throw new Error(`subscribers failed: ${failures.slice(0, 3).join('; ')}`);
        return round.perSecond;
      } finally {
        for (const subscriber of subscribers) subscriber.close();
      }
    });
  const figures = await interleave({ on: completions('on'), off: completions('off') }, TIMED_ROUNDS);
  const ratio = summarise(ratios(figures.on, figures.off), 'lower');
  return [
    {
      id: 'P3',
      measure: `completeRun/s, publishing on / off, ${CLIENTS} clients`,
      figure: `${fixed(ratio.median)} (worst ${fixed(ratio.worst)}); ${fixed(median(figures.on), 0)} vs ${fixed(median(figures.off), 0)} /s`,
      median: ratio.median,
      worst: ratio.worst,
      goal: '≥ 0.90',
      pass: ratio.median >= 0.9,
      details: {
        interpretation: INTERPRETATION,
        onPerSecond: figures.on,
        offPerSecond: figures.off,
        ratioRounds: ratio.rounds,
        completionsPerRound: PER_ROUND,
        cpuMsPerCompletion: { on: medianSplit(cpu.on.slice(1)), off: medianSplit(cpu.off.slice(1)) },
      },
    },
  ];
}
