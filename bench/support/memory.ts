// Memory accounting for the bench's diagnostics (Linux /proc): a process's resident set size.
import { readFileSync } from 'node:fs';

/** The resident set size of a process in MiB (0 if it is gone or /proc is missing). */
export function processRssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((row) => row.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}
