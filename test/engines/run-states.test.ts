// Unit tests of the run phase/status invariant (DOMAIN.md §3): every phase × status pair of the
// table, every phase move, and what decideRunTransition does with enforcement on and off.
import { describe, expect, it } from 'vitest';
import {
  assertRunPhaseMove,
  decideRunTransition,
  isTerminalRunPhase,
  phaseAllows,
  PhaseStatusTable,
  RunPhases,
  RunStatuses,
  type RunPhase,
  type RunStatus,
} from '../../src/runtime/engines/run-states.js';
import { codeThrownBy } from '../support/engine-errors.js';

/** The table as DOMAIN.md §3 prints it, written out independently of the engine. */
const domainTable: Record<RunPhase, RunStatus[]> = {
  CREATED: ['QUEUED'],
  AUTHORIZED: ['QUEUED'],
  EXECUTING: ['RUNNING'],
  GOVERNANCE_CHECK: ['RUNNING'],
  FINALIZING: ['RUNNING'],
  COMPLETED: ['SUCCEEDED'],
  FAILED: ['FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY'],
};
const forwardMoves = ['CREATED → AUTHORIZED', 'AUTHORIZED → EXECUTING', 'EXECUTING → GOVERNANCE_CHECK', 'GOVERNANCE_CHECK → FINALIZING'];
const terminal: RunPhase[] = ['COMPLETED', 'FAILED'];

function expectedMoveOutcome(from: RunPhase, to: RunPhase) {
  if (terminal.includes(from)) return 'IMMUTABLE';
  if (to === 'FAILED' || forwardMoves.includes(`${from} → ${to}`)) return 'none';
  return 'INVALID_TRANSITION';
}

const everyPair = RunPhases.flatMap((phase) => RunStatuses.map((status) => ({ phase, status, allowed: domainTable[phase].includes(status) })));
const everyMove = RunPhases.flatMap((from) => RunPhases.map((to) => ({ from, to, outcome: expectedMoveOutcome(from, to) })));
const validMoves = everyMove.filter((move) => move.outcome === 'none');

describe('run phase/status table (DOMAIN.md §3)', () => {
  it('knows exactly the seven phases and seven statuses', () => {
    expect([...RunPhases]).toEqual(['CREATED', 'AUTHORIZED', 'EXECUTING', 'GOVERNANCE_CHECK', 'FINALIZING', 'COMPLETED', 'FAILED']);
    expect([...RunStatuses]).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY']);
  });

  it('declares the same table as DOMAIN.md', () => {
    expect(PhaseStatusTable).toEqual(domainTable);
  });

  it.each(everyPair)('$phase allows $status: $allowed', ({ phase, status, allowed }) => {
    expect(phaseAllows(phase, status)).toBe(allowed);
  });

  it('has 10 allowed pairs among the 49', () => {
    expect(everyPair.filter((pair) => pair.allowed)).toHaveLength(10);
  });

  it.each(RunPhases.map((phase) => ({ phase, isTerminal: terminal.includes(phase) })))('$phase terminal: $isTerminal', ({ phase, isTerminal }) => {
    expect(isTerminalRunPhase(phase)).toBe(isTerminal);
  });
});

describe('run phase moves', () => {
  it.each(everyMove)('$from → $to throws $outcome', ({ from, to, outcome }) => {
    expect(codeThrownBy(() => assertRunPhaseMove(from, to))).toBe(outcome);
  });

  it('covers all 49 moves: 9 allowed (4 forward, 5 to FAILED), 14 IMMUTABLE, 26 INVALID_TRANSITION', () => {
    const counts = everyMove.reduce<Record<string, number>>((tally, move) => ({ ...tally, [move.outcome]: (tally[move.outcome] ?? 0) + 1 }), {});
    expect(counts).toEqual({ none: 9, IMMUTABLE: 14, INVALID_TRANSITION: 26 });
  });

  it('refuses COMPLETED as a target even after FINALIZING (only run completion reaches it)', () => {
    expect(() => assertRunPhaseMove('FINALIZING', 'COMPLETED')).toThrowError(
      expect.objectContaining({ code: 'INVALID_TRANSITION', extensions: expect.objectContaining({ from: 'FINALIZING', to: 'COMPLETED' }) }),
    );
  });

  it('names the next phase when a move skips one', () => {
    expect(() => assertRunPhaseMove('CREATED', 'EXECUTING')).toThrowError(/the next phase is AUTHORIZED or FAILED/);
  });

  it('names the terminal phase on IMMUTABLE', () => {
    expect(() => assertRunPhaseMove('FAILED', 'FAILED')).toThrowError(expect.objectContaining({ code: 'IMMUTABLE', extensions: expect.objectContaining({ status: 'FAILED' }) }));
  });
});

describe('decideRunTransition', () => {
  const everyDecision = validMoves.flatMap(({ from, to }) => RunStatuses.map((status) => ({ from, to, status, allowed: domainTable[to].includes(status) })));

  it.each(everyDecision)('enforcement on: $from → $to/$status allowed $allowed', ({ from, to, status, allowed }) => {
    expect(codeThrownBy(() => decideRunTransition(from, to, status, true))).toBe(allowed ? 'none' : 'INVARIANT_VIOLATION');
  });

  it.each(everyDecision)('enforcement off: $from → $to/$status accepted, violation iff not allowed ($allowed)', ({ from, to, status, allowed }) => {
    const decision = decideRunTransition(from, to, status, false);
    expect(decision).toMatchObject({ phase: to, status });
    expect(decision.violation === null).toBe(allowed);
  });

  it('names the allowed statuses in the INVARIANT_VIOLATION message and extensions', () => {
    expect(() => decideRunTransition('EXECUTING', 'FAILED', 'RUNNING', true)).toThrowError(
      expect.objectContaining({
        code: 'INVARIANT_VIOLATION',
        message: 'Phase FAILED allows status FAILED or FAILED_POLICY or CANCELLED or RETRY, not RUNNING',
        extensions: expect.objectContaining({ phase: 'FAILED', status: 'RUNNING', allowedStatuses: ['FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY'] }),
      }),
    );
  });

  it('returns the violation with its message and the allowed statuses when enforcement is off', () => {
    expect(decideRunTransition('CREATED', 'AUTHORIZED', 'RUNNING', false)).toEqual({
      phase: 'AUTHORIZED',
      status: 'RUNNING',
      violation: { message: 'Phase AUTHORIZED allows status QUEUED, not RUNNING', allowed: ['QUEUED'] },
    });
  });

  it('checks the move before the status, whatever the enforcement', () => {
    for (const enforcement of [true, false]) {
      expect(codeThrownBy(() => decideRunTransition('CREATED', 'EXECUTING', 'QUEUED', enforcement))).toBe('INVALID_TRANSITION');
      expect(codeThrownBy(() => decideRunTransition('COMPLETED', 'FAILED', 'RUNNING', enforcement))).toBe('IMMUTABLE');
    }
  });
});
