// Engine: activation of an approved contract inside its window (C3: the job is created in the same
// commit), and the audit verdict that closes an active contract (C4: COMPLETED only on PASS).
import { BadUserInputError, InvalidTransitionError } from '../errors.js';
import type { ContractChange, ContractState } from './contract-decisions.js';
import { assertContractTransition, assertNotMayNot, type AuditVerdict } from './contract-states.js';
import type { JobStatus } from './job-states.js';

/** Default and bounds of a job's timeout, in minutes. */
export const JobTimeoutMinutes = { default: 60, min: 1, max: 1440 } as const;

/** The decided activation: the contract's change and when its job times out. */
export interface ActivationDecision {
  change: ContractChange;
  timeoutAt: Date;
}

/** Decides activation: APPROVED, inside the window, valid timeout; the job id is the caller's. */
export function decideActivation(contract: ContractState, jobId: string, timeoutMinutes: number | null | undefined, now: Date): ActivationDecision {
  const minutes = timeoutMinutes ?? JobTimeoutMinutes.default;
  if (!Number.isInteger(minutes) || minutes < JobTimeoutMinutes.min || minutes > JobTimeoutMinutes.max) {
    throw new BadUserInputError([`timeoutMinutes must be an integer in ${JobTimeoutMinutes.min}..${JobTimeoutMinutes.max}`]);
  }
  assertNotMayNot(contract.eligibilityDecision, contract.eligibilityReason);
  assertContractTransition(contract.status, 'ACTIVE');
  if (contract.activationWindowEnd === null || contract.activationWindowEnd <= now) {
    throw new InvalidTransitionError('Contract', contract.status, 'ACTIVE', 'its activation window has elapsed');
  }
  return {
    change: { to: 'ACTIVE', reason: `activated with job ${jobId}`, fields: { jobId } },
    timeoutAt: new Date(now.getTime() + minutes * 60_000),
  };
}

/** A terminal job that did not complete fails its contract; a completed one leaves it ACTIVE (null). */
export function decideContractAfterJob(jobStatus: JobStatus, jobReason: string): ContractChange | null {
  if (jobStatus === 'FAILED' || jobStatus === 'CANCELLED') return { to: 'FAILED', reason: `job ${jobStatus.toLowerCase()}: ${jobReason}`, fields: {} };
  return null;
}

/** Decides an audit verdict: only for an ACTIVE contract whose job COMPLETED; PASS completes it. */
export function decideAuditVerdict(contract: ContractState, jobStatus: JobStatus | null, verdict: AuditVerdict, reason: string, now: Date): ContractChange {
  const problems: string[] = [];
  if (verdict === 'PENDING') problems.push('verdict must be PASS, FAIL or INCONCLUSIVE');
  if (reason.trim().length === 0 || reason.length > 2000) problems.push('reason must be 1..2000 characters and not blank');
  if (problems.length > 0) throw new BadUserInputError(problems);
  const to = verdict === 'PASS' ? 'COMPLETED' : 'FAILED';
  assertContractTransition(contract.status, to);
  if (contract.status !== 'ACTIVE' || jobStatus !== 'COMPLETED') {
    throw new InvalidTransitionError('Contract', contract.status, to, `an audit verdict needs a COMPLETED job (job is ${jobStatus ?? 'missing'})`);
  }
  return { to, reason: `audit ${verdict}: ${reason}`, fields: { auditVerdict: verdict, auditReason: reason, auditCompletedAt: now } };
}
