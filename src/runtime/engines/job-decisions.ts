// Engine: decides each change of a job — start, a step result (J2), completion from the evidence,
// cancellation and timeout — as a plain JobChange; terminal jobs never change (J3).
import { BadUserInputError, ImmutableError, InvalidTransitionError } from '../errors.js';
import { assertStepResultAcceptable, deriveCompletionOutcome, type StepResult } from './job-completion.js';
import { assertJobTransition, isTerminalJobStatus, type JobStatus } from './job-states.js';

/** The facts about a job that decisions need. */
export interface JobState {
  status: JobStatus;
  currentStepIndex: number;
  totalSteps: number;
  timeoutAt: Date;
}

/** A decided job change: the new status and its reason. */
export interface JobChange {
  to: JobStatus;
  reason: string;
}

/** PENDING → RUNNING. */
export function decideJobStart(job: JobState): JobChange {
  assertJobTransition(job.status, 'RUNNING');
  return { to: 'RUNNING', reason: 'started by the executor' };
}

/** Accepts a result only for the current step of a RUNNING job (throws otherwise). */
export function assertStepResultRecordable(job: JobState, result: StepResult): void {
  if (isTerminalJobStatus(job.status)) throw new ImmutableError('Job', job.status);
  if (job.status !== 'RUNNING') throw new InvalidTransitionError('Job', job.status, job.status, 'step results are recorded only while the job is RUNNING');
  assertStepResultAcceptable(result, job.currentStepIndex, job.totalSteps);
}

/** Completion: the outcome derived from the evidence (DOMAIN.md §2). */
export function decideJobCompletion(job: JobState, results: readonly StepResult[]): JobChange {
  const outcome = deriveCompletionOutcome(job.totalSteps, results);
  assertJobTransition(job.status, outcome.status);
  return { to: outcome.status, reason: outcome.reason };
}

/** Cancellation of a PENDING or RUNNING job, with its reason. */
export function decideJobCancellation(job: JobState, reason: string, cancelledBy: string): JobChange {
  if (reason.trim().length === 0 || reason.length > 2000) throw new BadUserInputError(['reason must be 1..2000 characters and not blank']);
  assertJobTransition(job.status, 'CANCELLED');
  return { to: 'CANCELLED', reason: `cancelled by ${cancelledBy}: ${reason}` };
}

/** An unfinished job past its timeout fails; anything else is left alone (null). */
export function decideJobTimeout(job: JobState, now: Date): JobChange | null {
  if (isTerminalJobStatus(job.status) || job.timeoutAt > now) return null;
  return { to: 'FAILED', reason: 'timed out' };
}
