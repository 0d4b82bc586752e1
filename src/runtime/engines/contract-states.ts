// Engine: the contract state machine (DOMAIN.md §1) — statuses, the transition table (C1), terminal
// immutability (C5) and the un-overridable MAY_NOT guard. Declared once; the README quotes it.
import { ImmutableError, InvalidTransitionError, MayNotVerdictError } from '../errors.js';
import { assertNever } from './assert-never.js';

/** Every contract status. */
export const ContractStatuses = ['DRAFT', 'VALIDATED', 'ELIGIBLE', 'APPROVED', 'ACTIVE', 'COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED'] as const;

/** One contract status. */
export type ContractStatus = (typeof ContractStatuses)[number];

/** Audit verdicts of a contract: PENDING until an approver records one of the others. */
export const AuditVerdicts = ['PENDING', 'PASS', 'FAIL', 'INCONCLUSIVE'] as const;
/** One audit verdict. */
export type AuditVerdict = (typeof AuditVerdicts)[number];

/** The eligibility decisions a proposal carries; MAY_NOT is final. */
export const EligibilityDecisions = ['MAY', 'MAY_NOT'] as const;

/** One eligibility decision. */
export type EligibilityDecision = (typeof EligibilityDecisions)[number];

/** Which status each status may move to; terminal statuses move nowhere. */
export const ContractTransitionTable: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  DRAFT: ['VALIDATED', 'REJECTED', 'EXPIRED'],
  VALIDATED: ['ELIGIBLE', 'REJECTED', 'EXPIRED'],
  ELIGIBLE: ['APPROVED', 'REJECTED', 'EXPIRED'],
  APPROVED: ['ACTIVE', 'FAILED'],
  ACTIVE: ['COMPLETED', 'FAILED'],
  COMPLETED: [],
  FAILED: [],
  REJECTED: [],
  EXPIRED: [],
};

/** Whether a status is terminal (C5: nothing about the contract may change any more). */
export function isTerminalContractStatus(status: ContractStatus): boolean {
  switch (status) {
    case 'DRAFT':
    case 'VALIDATED':
    case 'ELIGIBLE':
    case 'APPROVED':
    case 'ACTIVE':
      return false;
    case 'COMPLETED':
    case 'FAILED':
    case 'REJECTED':
    case 'EXPIRED':
      return true;
    default:
      return assertNever(status);
  }
}

/** Throws IMMUTABLE for a terminal contract. */
export function assertContractMutable(status: ContractStatus): void {
  if (isTerminalContractStatus(status)) throw new ImmutableError('Contract', status);
}

/** Throws IMMUTABLE (terminal source) or INVALID_TRANSITION (move not in the table). */
export function assertContractTransition(from: ContractStatus, to: ContractStatus): void {
  assertContractMutable(from);
  if (!ContractTransitionTable[from].includes(to)) throw new InvalidTransitionError('Contract', from, to);
}

/** MAY_NOT is un-overridable: a contract with that verdict never advances, whoever asks. */
export function assertNotMayNot(eligibilityDecision: EligibilityDecision, reason: string): void {
  if (eligibilityDecision === 'MAY_NOT') throw new MayNotVerdictError(reason);
}
