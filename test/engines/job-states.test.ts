// Unit tests of the job state machine: every (from, to) pair of DOMAIN.md §2's table — allowed,
// INVALID_TRANSITION, or IMMUTABLE from a terminal status (J3) — and which statuses are terminal.
import { describe, expect, it } from 'vitest';
import { assertJobTransition, isTerminalJobStatus, JobStatuses, JobTransitionTable, type JobStatus } from '../../src/runtime/engines/job-states.js';
import { codeThrownBy } from '../support/engine-errors.js';

/** The allowed moves as DOMAIN.md §2 lists them, written out independently of the engine. */
const allowedMoves = ['PENDING → RUNNING', 'PENDING → CANCELLED', 'RUNNING → COMPLETED', 'RUNNING → FAILED', 'RUNNING → CANCELLED'];
const terminal: JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

function expectedOutcome(from: JobStatus, to: JobStatus) {
  if (terminal.includes(from)) return 'IMMUTABLE';
  return allowedMoves.includes(`${from} → ${to}`) ? 'none' : 'INVALID_TRANSITION';
}

const everyPair = JobStatuses.flatMap((from) => JobStatuses.map((to) => ({ from, to, outcome: expectedOutcome(from, to) })));

describe('job transition table (DOMAIN.md §2)', () => {
  it('knows exactly the five job statuses', () => {
    expect([...JobStatuses]).toEqual(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']);
  });

  it('declares the same table as DOMAIN.md', () => {
    const declared = JobStatuses.flatMap((from) => JobTransitionTable[from].map((to) => `${from} → ${to}`));
    expect(declared.sort()).toEqual([...allowedMoves].sort());
  });

  it.each(everyPair)('$from → $to throws $outcome', ({ from, to, outcome }) => {
    expect(codeThrownBy(() => assertJobTransition(from, to))).toBe(outcome);
  });

  it('covers all 25 pairs: 5 allowed, 15 IMMUTABLE from terminal statuses, 5 INVALID_TRANSITION', () => {
    const counts = everyPair.reduce<Record<string, number>>((tally, pair) => ({ ...tally, [pair.outcome]: (tally[pair.outcome] ?? 0) + 1 }), {});
    expect(counts).toEqual({ none: 5, IMMUTABLE: 15, INVALID_TRANSITION: 5 });
  });

  it('names from and to on INVALID_TRANSITION', () => {
    expect(() => assertJobTransition('PENDING', 'COMPLETED')).toThrowError(
      expect.objectContaining({ code: 'INVALID_TRANSITION', extensions: expect.objectContaining({ from: 'PENDING', to: 'COMPLETED' }) }),
    );
  });

  it('names the terminal status on IMMUTABLE (J3)', () => {
    expect(() => assertJobTransition('CANCELLED', 'RUNNING')).toThrowError(
      expect.objectContaining({ code: 'IMMUTABLE', extensions: expect.objectContaining({ status: 'CANCELLED' }) }),
    );
  });
});

describe('terminal job statuses (J3)', () => {
  it.each(JobStatuses.map((status) => ({ status, isTerminal: terminal.includes(status) })))('$status terminal: $isTerminal', ({ status, isTerminal }) => {
    expect(isTerminalJobStatus(status)).toBe(isTerminal);
    expect(JobTransitionTable[status].length === 0).toBe(isTerminal);
  });
});
