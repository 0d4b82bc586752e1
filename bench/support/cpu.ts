// CPU accounting for the bench's diagnostics (Linux /proc): what the server process, the PostgreSQL
// backends of the bench database and the bench itself spent while a variant ran.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { median } from './rounds.js';

const TICKS_PER_SECOND = 100;

/** User + system CPU ms of a process so far (0 if it is gone or /proc is missing). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU ms, by consumer, spent while `work` ran. */
export interface CpuSplit {
  server: number;
  postgres: number;
  bench: number;
}

/** Runs `work` and returns its result with the CPU each consumer spent meanwhile. */
export async function measureCpu<T>(pool: pg.Pool, serverPids: readonly number[], work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const before = await snapshot(pool, serverPids);
  const result = await work();
  const after = await snapshot(pool, serverPids);
  const postgres = [...after.backends].reduce((sum, [pid, ms]) => sum + ms - (before.backends.get(pid) ?? 0), 0);
  return { result, cpu: { server: after.server - before.server, postgres, bench: after.bench - before.bench } };
}

async function snapshot(pool: pg.Pool, serverPids: readonly number[]) {
  const { rows } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`);
  const usage = process.cpuUsage();
  return {
    server: serverPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    backends: new Map(rows.map((row) => [row.pid, processCpuMs(row.pid)])),
    bench: (usage.user + usage.system) / 1000,
  };
}

/** A split divided by the operations it covered. */
export function perOperation(cpu: CpuSplit, count: number): CpuSplit {
  return { server: cpu.server / count, postgres: cpu.postgres / count, bench: cpu.bench / count };
}

/** The median of each part over rounds, in ms with 2 decimals. */
export function medianSplit(splits: readonly CpuSplit[]): CpuSplit {
  const part = (key: keyof CpuSplit) => Math.round(median(splits.map((split) => split[key])) * 100) / 100;
  return { server: part('server'), postgres: part('postgres'), bench: part('bench') };
}
