// Unit tests of the contract state machine: every (from, to) pair of DOMAIN.md §1's table — allowed,
// INVALID_TRANSITION, or IMMUTABLE from a terminal status — plus isTerminal and the MAY_NOT guard.
import { describe, expect, it } from 'vitest';
import {
  assertContractMutable,
  assertContractTransition,
  assertNotMayNot,
  ContractStatuses,
  ContractTransitionTable,
  isTerminalContractStatus,
  type ContractStatus,
} from '../../src/runtime/engines/contract-states.js';
import { ImmutableError, InvalidTransitionError, MayNotVerdictError } from '../../src/runtime/errors.js';

/** The allowed moves as DOMAIN.md lists them, written out independently of the engine. */
const allowedMoves = [
  'DRAFT → VALIDATED', 'DRAFT → REJECTED', 'DRAFT → EXPIRED',
  'VALIDATED → ELIGIBLE', 'VALIDATED → REJECTED', 'VALIDATED → EXPIRED',
  'ELIGIBLE → APPROVED', 'ELIGIBLE → REJECTED', 'ELIGIBLE → EXPIRED',
  'APPROVED → ACTIVE', 'APPROVED → FAILED',
  'ACTIVE → COMPLETED', 'ACTIVE → FAILED',
];
const terminal: ContractStatus[] = ['COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED'];

type Outcome = 'allowed' | 'INVALID_TRANSITION' | 'IMMUTABLE';

function expectedOutcome(from: ContractStatus, to: ContractStatus): Outcome {
  if (terminal.includes(from)) return 'IMMUTABLE';
  return allowedMoves.includes(`${from} → ${to}`) ? 'allowed' : 'INVALID_TRANSITION';
}

function actualOutcome(from: ContractStatus, to: ContractStatus): Outcome {
  try {
    assertContractTransition(from, to);
    return 'allowed';
  } catch (error) {
    if (error instanceof ImmutableError) return 'IMMUTABLE';
    if (error instanceof InvalidTransitionError) return 'INVALID_TRANSITION';
    throw error;
  }
}

const everyPair = ContractStatuses.flatMap((from) => ContractStatuses.map((to) => ({ from, to, outcome: expectedOutcome(from, to) })));

describe('contract transition table (C1, C5)', () => {
  it('knows exactly the nine statuses of DOMAIN.md', () => {
    expect([...ContractStatuses]).toEqual(['DRAFT', 'VALIDATED', 'ELIGIBLE', 'APPROVED', 'ACTIVE', 'COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED']);
  });

  it('declares the same table as DOMAIN.md', () => {
    const declared = ContractStatuses.flatMap((from) => ContractTransitionTable[from].map((to) => `${from} → ${to}`));
    expect(declared.sort()).toEqual([...allowedMoves].sort());
  });

  it.each(everyPair)('$from → $to is $outcome', ({ from, to, outcome }) => {
    expect(actualOutcome(from, to)).toBe(outcome);
  });

  it('covers all 81 pairs, 13 of them allowed', () => {
    expect(everyPair).toHaveLength(81);
    expect(everyPair.filter((pair) => pair.outcome === 'allowed')).toHaveLength(13);
  });

  it('names from and to on INVALID_TRANSITION', () => {
    expect(() => assertContractTransition('ELIGIBLE', 'COMPLETED')).toThrowError(
      expect.objectContaining({ code: 'INVALID_TRANSITION', extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', from: 'ELIGIBLE', to: 'COMPLETED' }) }),
    );
  });

  it('names the terminal status on IMMUTABLE, even for a move the table would otherwise list', () => {
    expect(() => assertContractTransition('REJECTED', 'APPROVED')).toThrowError(
      expect.objectContaining({ code: 'IMMUTABLE', extensions: expect.objectContaining({ code: 'IMMUTABLE', status: 'REJECTED' }) }),
    );
  });
});

describe('terminal statuses (C5)', () => {
  it.each(ContractStatuses.map((status) => ({ status, isTerminal: terminal.includes(status) })))('$status terminal: $isTerminal', ({ status, isTerminal }) => {
    expect(isTerminalContractStatus(status)).toBe(isTerminal);
    if (isTerminal) expect(() => assertContractMutable(status)).toThrow(ImmutableError);
    else expect(() => assertContractMutable(status)).not.toThrow();
  });
});

describe('MAY_NOT guard', () => {
  it('refuses MAY_NOT with MAY_NOT_VERDICT carrying the reason', () => {
    expect(() => assertNotMayNot('MAY_NOT', 'blocked by policy P9')).toThrow(MayNotVerdictError);
    expect(() => assertNotMayNot('MAY_NOT', 'blocked by policy P9')).toThrowError(expect.objectContaining({ code: 'MAY_NOT_VERDICT', message: expect.stringContaining('blocked by policy P9') }));
  });

  it('lets MAY through', () => {
    expect(() => assertNotMayNot('MAY', 'fine')).not.toThrow();
  });
});
