// L1: one CLI call as an operator makes it — `node dist/cli.js apikey list` (the `governance` bin,
// `npm run cli`) against the bench database: start-up, connect, migrations check, the read, exit —
// beside `node -e 0` (a bare Node start on this machine at this moment), and `--help` (no database).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from '../support/context.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, monotonicMs, ratios, summarise, TIMED_ROUNDS } from '../support/rounds.js';

/** The goal of issue 13: an operator waits at most this long for a call. */
const GOAL_MS = 1500;

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Measures L1. */
export async function measureCliCall({ databaseUrl }: BenchContext): Promise<ResultRow[]> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  const timed = (args: string[]) => async () => {
    const started = monotonicMs();
    await promisify(execFile)(process.execPath, args, { env });
    return monotonicMs() - started;
  };
  const figures = await interleave({ list: timed([CLI, 'apikey', 'list']), help: timed([CLI, '--help']), node: timed(['-e', '0']) }, TIMED_ROUNDS);
  const list = summarise(figures.list, 'higher');
  const ratio = summarise(ratios(figures.list, figures.node), 'higher');
  const help = summarise(figures.help, 'higher');
  const node = summarise(figures.node, 'higher');
  return [
    {
      id: 'L1',
      measure: 'CLI call `apikey list` (wall, ms) and its ratio to `node -e 0`; `--help`',
      figure: `${Math.round(list.median)} ms (worst ${Math.round(list.worst)}); ratio ${fixed(ratio.median, 1)} (worst ${fixed(ratio.worst, 1)}); node -e 0 ${Math.round(node.median)} ms; --help ${Math.round(help.median)} ms`,
      median: list.median,
      worst: list.worst,
      goal: `≤ ${GOAL_MS} ms`,
      pass: list.median <= GOAL_MS,
      details: { listMs: list, ratioToNode: ratio, nodeMs: node, helpMs: help },
    },
  ];
}
