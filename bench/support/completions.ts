// Completing fresh runs under load for P2 and P3: makes the runs, drives them through a load
// generator, checks every one was completed, and returns the rate with the CPU each part spent.
import { measureCpu, perOperation, type CpuSplit } from './cpu.js';
import { COMPLETE_RUN, COMPLETION } from './graphql.js';
import type { Instance } from './instances.js';
import { httpLoad } from './load.js';
import type { BenchWorld } from './world.js';

/** A load round's rate and CPU per completion. */
export interface CompletionRound {
  perSecond: number;
  cpu: CpuSplit;
}

/** Completes `count` fresh runs with `load` (given their ids) while `instance` serves. */
export async function completeFreshRuns(world: BenchWorld, instance: Instance, count: number, load: (ids: string[]) => Promise<number>): Promise<CompletionRound> {
  const ids = await world.runs(count);
  const { result: perSecond, cpu } = await measureCpu(world.pool, [instance.pid], () => load(ids));
  const completed = await world.completedAmong(ids);
  if (completed !== ids.length) throw new Error(`only ${completed} of ${ids.length} runs were completed`);
  return { perSecond, cpu: perOperation(cpu, ids.length) };
}

/** A load that sends completeRun for each id to the instance over HTTP with `clients` connections. */
export function overGraphql(world: BenchWorld, instance: Instance, clients: number): (ids: string[]) => Promise<number> {
  return (ids) => httpLoad(instance.url, world.keys.operator, clients, ids.map((id) => JSON.stringify({ query: COMPLETE_RUN, variables: { id, input: COMPLETION } })));
}
