// One timed round of live delivery, shared by the delivery measures (P6, P8, P9): violations produced
// at a steady rate through the instances, what the subscribers saw of them, and the share of a core
// the server and the subscriber process each used from the first event to the last receipt.
import type { BenchContext } from './context.js';
import { processCpuMs } from './cpu.js';
import { startInstance, type Instance } from './instances.js';
import { processRssMiB } from './memory.js';
import { median, monotonicMs } from './rounds.js';
import type { DeliverySummary } from './subscriber-protocol.js';
import { startSubscribers, type Subscribers } from './subscribers.js';
import { produceViolations } from './violation-producer.js';

/** What a round is made of. */
export interface DeliveryRoundPlan {
  instance: Instance;
  subscribers: Subscribers;
  operatorKey: string;
  runId: string;
  label: string;
  perSecond: number;
  seconds: number;
  /** How long after the last commit the round waits for stragglers; what is still missing counts as lost. */
  drainMs: number;
}

/** One round's figures. */
export interface DeliveryRound {
  summary: DeliverySummary;
  serverCoreShare: number;
  subscriberCoreShare: number;
  serverRssMiB: number;
}

/** Runs one round. */
export async function deliveryRound(plan: DeliveryRoundPlan): Promise<DeliveryRound> {
  const { instance, subscribers } = plan;
  const before = { server: processCpuMs(instance.pid), subscribers: processCpuMs(subscribers.pid), at: monotonicMs() };
  const commits = await produceViolations({ urls: [instance.url], key: plan.operatorKey, runId: plan.runId, label: plan.label, events: plan.perSecond * plan.seconds, perSecond: plan.perSecond });
  const summary = await subscribers.collect(commits, plan.drainMs);
  const wall = monotonicMs() - before.at;
  return {
    summary,
    serverCoreShare: (processCpuMs(instance.pid) - before.server) / wall,
    subscriberCoreShare: (processCpuMs(subscribers.pid) - before.subscribers) / wall,
    serverRssMiB: processRssMiB(instance.pid),
  };
}

/** The medians over measured rounds (the warm-up excluded) of what a round reports beside its latency. */
export function roundDiagnostics(rounds: readonly DeliveryRound[]) {
  const share = (value: number) => Math.round(value * 100) / 100;
  return {
    rounds: rounds.map((round) => round.summary),
    // Share of one core each process used from the first event to the last receipt.
    serverCoreShare: share(median(rounds.map((round) => round.serverCoreShare))),
    subscriberProcessCoreShare: share(median(rounds.map((round) => round.subscriberCoreShare))),
    serverRssMiB: Math.max(...rounds.map((round) => round.serverRssMiB)),
  };
}

/** A delivery measure's setting: one instance, a run to report violations on, subscribers connected. */
export interface SubscribedInstance {
  instance: Instance;
  subscribers: Subscribers;
  /** Runs one round of `perSecond` events for `seconds`, labelled `label`. */
  round(label: string, perSecond: number, seconds: number, drainMs: number): Promise<DeliveryRound>;
}

/** Starts an instance with `count` violationRecorded subscribers, runs `work`, and stops them. */
export async function withSubscribedInstance<T>({ databaseUrl, world }: BenchContext, count: number, work: (setting: SubscribedInstance) => Promise<T>, writersNotify?: boolean): Promise<T> {
  const instance = await startInstance({ databaseUrl, publishing: 'on', writersNotify });
  const [runId] = await world.runs(1);
  const subscribers = await startSubscribers([instance.url], world.keys.viewer, count);
  try {
    await instance.subscribersReach(count);
    const round = (label: string, perSecond: number, seconds: number, drainMs: number) =>
      deliveryRound({ instance, subscribers, operatorKey: world.keys.operator, runId, label, perSecond, seconds, drainMs });
    return await work({ instance, subscribers, round });
  } finally {
    await subscribers.close().catch(() => {});
    await instance.stop();
  }
}
