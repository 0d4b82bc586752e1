// P3: completeRun throughput with event publishing on / off at 32 clients — on: the production
// instance with 100 live subscribers; off: a bench-only composition publishing nothing (see INTERPRETATION).
import { readConfig } from '../../src/config.js';
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

type Variant = 'on' | 'off' | 'otherNotify';

/** Measures P3 — and, as P3′, publishing with the other OUTBOX_WRITERS_NOTIFY setting — each round starting its variant's instance alone (another instance's outbox reader would add its reads to "on"). */
export async function measurePublishingCost({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const defaultNotify = readConfig({}).outboxWritersNotify;
  const cpu: Record<Variant, CpuSplit[]> = { on: [], off: [], otherNotify: [] };
  const completions = (variant: Variant) => () =>
    withInstance({ databaseUrl, publishing: variant === 'off' ? 'off' : 'on', writersNotify: variant === 'otherNotify' ? !defaultNotify : defaultNotify }, async (instance) => {
      const publishing = variant === 'off' ? 'off' : 'on';
      const subscribers =
        publishing === 'on'
          ? await subscribeMany(SUBSCRIBERS, 20, (index) => subscribeOverWs(instance.url, world.keys.viewer, index % 2 === 0 ? 'subscription { jobEvents { id type } }' : 'subscription { violationRecorded { id } }', {}, () => {}))
          : [];
      try {
        await instance.subscribersReach(subscribers.length);
        const round = await completeFreshRuns(world, instance, PER_ROUND, overGraphql(world, instance, CLIENTS));
        cpu[variant].push(round.cpu);
        const failures = subscribers.flatMap((subscriber) => subscriber.failures);
        if (failures.length > 0) throw new Error(`subscribers failed: ${failures.slice(0, 3).join('; ')}`);
        return round.perSecond;
      } finally {
        for (const subscriber of subscribers) subscriber.close();
      }
    });
  const figures = await interleave({ on: completions('on'), off: completions('off'), otherNotify: completions('otherNotify') }, TIMED_ROUNDS);
  const ratio = summarise(ratios(figures.on, figures.off), 'lower');
  const other = summarise(ratios(figures.otherNotify, figures.off), 'lower');
  const notifying = (notify: boolean) => (notify ? 'writers NOTIFY' : 'writers do not NOTIFY; the sequencer polls');
  return [
    {
      id: 'P3',
      measure: `completeRun/s, publishing on / off, ${CLIENTS} clients (${notifying(defaultNotify)})`,
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
    {
      id: 'P3′',
      measure: `P3 with OUTBOX_WRITERS_NOTIFY=${!defaultNotify} (${notifying(!defaultNotify)})`,
      figure: `${fixed(other.median)} (worst ${fixed(other.worst)}); ${fixed(median(figures.otherNotify), 0)} vs ${fixed(median(figures.off), 0)} /s`,
      median: other.median,
      worst: other.worst,
      goal: 'compared',
      pass: true,
      details: { perSecond: figures.otherNotify, ratioRounds: other.rounds, cpuMsPerCompletion: medianSplit(cpu.otherNotify.slice(1)) },
    },
  ];
}
