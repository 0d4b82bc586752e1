// Engine: the run phase/status invariant (DOMAIN.md §3) — which statuses each phase allows, how
// phases move (forward one phase at a time, or to FAILED from any non-terminal phase), and what
// transitionRun decides under enforcement on (refuse) or off (accept and record a violation).
import { ImmutableError, InvalidTransitionError, GovernanceError } from '../errors.js';
import { assertNever } from './assert-never.js';

/** Run phases, in their forward order (COMPLETED and FAILED are terminal). */
export const RunPhases = ['CREATED', 'AUTHORIZED', 'EXECUTING', 'GOVERNANCE_CHECK', 'FINALIZING', 'COMPLETED', 'FAILED'] as const;
/** One run phase. */
export type RunPhase = (typeof RunPhases)[number];

/** Run statuses. */
export const RunStatuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY'] as const;
/** One run status. */
export type RunStatus = (typeof RunStatuses)[number];

/** The statuses each phase allows. */
export const PhaseStatusTable: Readonly<Record<RunPhase, readonly RunStatus[]>> = {
  CREATED: ['QUEUED'],
  AUTHORIZED: ['QUEUED'],
  EXECUTING: ['RUNNING'],
  GOVERNANCE_CHECK: ['RUNNING'],
  FINALIZING: ['RUNNING'],
  COMPLETED: ['SUCCEEDED'],
  FAILED: ['FAILED', 'FAILED_POLICY', 'CANCELLED', 'RETRY'],
};

/** The phase each phase moves forward to (null: terminal, or reached only by run completion). */
const NextPhase: Readonly<Record<RunPhase, RunPhase | null>> = {
  CREATED: 'AUTHORIZED',
  AUTHORIZED: 'EXECUTING',
  EXECUTING: 'GOVERNANCE_CHECK',
  GOVERNANCE_CHECK: 'FINALIZING',
  FINALIZING: null,
  COMPLETED: null,
  FAILED: null,
};

/** Whether a phase is terminal. */
export function isTerminalRunPhase(phase: RunPhase): boolean {
  switch (phase) {
    case 'CREATED':
    case 'AUTHORIZED':
    case 'EXECUTING':
    case 'GOVERNANCE_CHECK':
    case 'FINALIZING':
      return false;
    case 'COMPLETED':
    case 'FAILED':
      return true;
    default:
      return assertNever(phase);
  }
}

/** Whether the phase allows the status. */
export function phaseAllows(phase: RunPhase, status: RunStatus): boolean {
  return PhaseStatusTable[phase].includes(status);
}

/** Throws IMMUTABLE (terminal run) or INVALID_TRANSITION (not the next phase nor FAILED). */
export function assertRunPhaseMove(from: RunPhase, to: RunPhase): void {
  if (isTerminalRunPhase(from)) throw new ImmutableError('Run', from);
  if (to === 'COMPLETED') throw new InvalidTransitionError('Run', from, to, 'COMPLETED is reached only by completeRun');
  if (to !== 'FAILED' && NextPhase[from] !== to) throw new InvalidTransitionError('Run', from, to, `the next phase is ${NextPhase[from] ?? 'COMPLETED (by completeRun)'} or FAILED`);
}

/** A decided run transition, with the violation to record when enforcement is off. */
export interface RunTransitionDecision {
  phase: RunPhase;
  status: RunStatus;
  violation: { message: string; allowed: readonly RunStatus[] } | null;
}

/** Decides transitionRun: a valid move, and a status the phase allows (or a recorded violation). */
export function decideRunTransition(from: RunPhase, to: RunPhase, status: RunStatus, enforcement: boolean): RunTransitionDecision {
  assertRunPhaseMove(from, to);
  if (phaseAllows(to, status)) return { phase: to, status, violation: null };
  const allowed = PhaseStatusTable[to];
  const message = `Phase ${to} allows status ${allowed.join(' or ')}, not ${status}`;
  if (enforcement) throw new GovernanceError('INVARIANT_VIOLATION', message, { phase: to, status, allowedStatuses: [...allowed] });
  return { phase: to, status, violation: { message, allowed } };
}
