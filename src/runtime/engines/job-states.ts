// Engine: the governance job state machine (DOMAIN.md §2) — statuses, the transition table and
// terminal immutability (J3). Declared once; the README quotes it.
import { ImmutableError, InvalidTransitionError } from '../errors.js';
import { assertNever } from './assert-never.js';

/** Every job status. */
export const JobStatuses = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

/** One job status. */
export type JobStatus = (typeof JobStatuses)[number];

/** Which status each job status may move to. */
export const JobTransitionTable: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  PENDING: ['RUNNING', 'CANCELLED'],
  RUNNING: ['COMPLETED', 'FAILED', 'CANCELLED'],
  COMPLETED: [],
  FAILED: [],
  CANCELLED: [],
};

/** Whether a job status is terminal. */
export function isTerminalJobStatus(status: JobStatus): boolean {
  switch (status) {
    case 'PENDING':
    case 'RUNNING':
      return false;
    case 'COMPLETED':
    case 'FAILED':
    case 'CANCELLED':
      return true;
    default:
      return assertNever(status);
  }
}

/** Throws IMMUTABLE (terminal job) or INVALID_TRANSITION (move not in the table). */
export function assertJobTransition(from: JobStatus, to: JobStatus): void {
  if (isTerminalJobStatus(from)) throw new ImmutableError('Job', from);
  if (!JobTransitionTable[from].includes(to)) throw new InvalidTransitionError('Job', from, to);
}
