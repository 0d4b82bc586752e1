// S1, the soak (BENCH_SOAK_MINUTES=N; never in the default run or CI): N minutes of completeRun load
// over GraphQL with the server's RSS read after every batch — does the server's memory grow?
import type { BenchContext } from '../support/context.js';
import { completeFreshRuns, overGraphql } from '../support/completions.js';
import { startInstance } from '../support/instances.js';
import { processRssMiB } from '../support/memory.js';
import { fixed, type ResultRow } from '../support/report.js';
import { median, monotonicMs } from '../support/rounds.js';

const CLIENTS = 4;
const BATCH = 300;
/** Growth from the first minute's RSS to the last minute's that still counts as flat (allocator noise). */
const FLAT = 0.1;

/** The soak's length in minutes (0: no soak). */
export function soakMinutes(): number {
  return Number(process.env.BENCH_SOAK_MINUTES ?? 0) || 0;
}

/** Measures S1. */
export async function measureSoak({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const minutes = soakMinutes();
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  try {
    const started = monotonicMs();
    const samples: { minute: number; rssMiB: number; perSecond: number }[] = [];
    while (monotonicMs() - started < minutes * 60_000) {
      const round = await completeFreshRuns(world, instance, BATCH, overGraphql(world, instance, CLIENTS));
      samples.push({ minute: (monotonicMs() - started) / 60_000, rssMiB: processRssMiB(instance.pid), perSecond: Math.round(round.perSecond) });
    }
    const window = (from: number, to: number) => median(samples.filter((sample) => sample.minute >= from && sample.minute <= to).map((sample) => sample.rssMiB));
    const first = window(0, 1);
    const last = window(minutes - 1, minutes);
    const growth = (last - first) / first;
    return [
      {
        id: 'S1',
        measure: `server RSS over a ${minutes}-minute soak of completeRun over GraphQL (${CLIENTS} clients): first minute → last minute`,
        figure: `${first} → ${last} MiB (${growth >= 0 ? '+' : ''}${fixed(growth * 100, 1)} %); peak ${Math.max(...samples.map((sample) => sample.rssMiB))} MiB; ${samples.length * BATCH} completions`,
        median: growth,
        worst: growth,
        goal: `growth ≤ ${FLAT * 100} %`,
        pass: growth <= FLAT,
        details: { minutes, clients: CLIENTS, batch: BATCH, samples },
      },
    ];
  } finally {
    await instance.stop();
  }
}
