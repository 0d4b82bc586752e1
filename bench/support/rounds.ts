// Rounds: every measure runs its variants interleaved — a warm-up of each, then round after round of
// each (alternating which goes first) — and summarises a figure by its median and its worst round.

/** Rounds of a timed measure: timings are noisy on shared machines, and the median of five outlasts two outliers. */
export const TIMED_ROUNDS = 5;

/** One figure per round, by variant. */
export type RoundFigures<V extends string> = Record<V, number[]>;

/** Runs a warm-up of every variant, then `rounds` rounds of every variant, interleaved. */
export async function interleave<V extends string>(variants: Record<V, () => Promise<number>>, rounds: number): Promise<RoundFigures<V>> {
  const names = Object.keys(variants) as V[];
  for (const name of names) await variants[name]();
  const figures = Object.fromEntries(names.map((name) => [name, [] as number[]])) as unknown as RoundFigures<V>;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) figures[name].push(await variants[name]());
  }
  return figures;
}

/** The median of the values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value at percentile `p` (0..100, nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Element-wise a[i] / b[i]: the per-round ratio of two variants measured side by side. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((value, index) => value / b[index]);
}

/** Median and worst of per-round figures, where "worst" is the highest or the lowest. */
export function summarise(values: readonly number[], worseIs: 'higher' | 'lower'): { median: number; worst: number; rounds: number[] } {
  return { median: median(values), worst: worseIs === 'higher' ? Math.max(...values) : Math.min(...values), rounds: [...values] };
}

/** The p50 latency of `requests` calls of `read`, one after another. */
export async function sequentialP50(requests: number, read: () => Promise<unknown>): Promise<number> {
  const latencies: number[] = [];
  for (let request = 0; request < requests; request += 1) {
    const started = monotonicMs();
    await read();
    latencies.push(monotonicMs() - started);
  }
  return percentile(latencies, 50);
}

/** Milliseconds since an arbitrary origin shared by every process on this machine (CLOCK_MONOTONIC). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
