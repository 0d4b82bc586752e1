// Engine: decides each change of an existing contract — approval (C2, separation of duties, window,
// optimistic version), rejection, expiry and elapsed activation windows — as a plain ContractChange.
import { BadUserInputError, ConflictError, ForbiddenError } from '../errors.js';
import type { Role } from '../roles.js';
import { assertContractTransition, assertNotMayNot, type AuditVerdict, type ContractStatus, type EligibilityDecision } from './contract-states.js';

/** Default and bounds of the activation window opened by approval, in hours. */
export const ActivationWindowHours = { default: 24, min: 1, max: 168 } as const;

/** The facts about a contract that decisions need. */
export interface ContractState {
  version: number;
  status: ContractStatus;
  createdBy: string;
  eligibilityDecision: EligibilityDecision;
  eligibilityReason: string;
  expiresAt: Date | null;
  activationWindowEnd: Date | null;
}

/** A decided change: the new status, its reason, and the other fields it sets. */
export interface ContractChange {
  to: ContractStatus;
  reason: string;
  fields: Partial<{
    approvedBy: string;
    approvedAt: Date;
    activationWindowStart: Date;
    activationWindowEnd: Date;
    executionConstraints: Record<string, unknown> | null;
    jobId: string;
    auditVerdict: AuditVerdict;
    auditReason: string;
    auditCompletedAt: Date;
  }>;
}

/** An approval request. */
export interface ApprovalRequest {
  approver: string;
  approverRole: Role;
  activationWindowHours?: number | null;
  executionConstraints?: unknown;
  expectedVersion?: number | null;
}

/** Decides an approval, or throws the first rule it breaks. */
export function decideApproval(contract: ContractState, request: ApprovalRequest, now: Date): ContractChange {
  const hours = request.activationWindowHours ?? ActivationWindowHours.default;
  const problems: string[] = [];
  if (!Number.isInteger(hours) || hours < ActivationWindowHours.min || hours > ActivationWindowHours.max) {
    problems.push(`activationWindowHours must be an integer in ${ActivationWindowHours.min}..${ActivationWindowHours.max}`);
  }
  const constraints = request.executionConstraints;
  if (constraints != null && (typeof constraints !== 'object' || Array.isArray(constraints))) problems.push('executionConstraints must be an object');
  if (problems.length > 0) throw new BadUserInputError(problems);
  assertNotMayNot(contract.eligibilityDecision, contract.eligibilityReason);
  assertVersion(contract, request.expectedVersion);
  assertContractTransition(contract.status, 'APPROVED');
  if (request.approverRole !== 'approver' && request.approverRole !== 'admin') throw new ForbiddenError('Approval requires the approver role');
  if (request.approver === contract.createdBy) throw new ForbiddenError('Separation of duties: the creator of a contract cannot approve it');
  return {
    to: 'APPROVED',
    reason: `approved by ${request.approver}`,
    fields: {
      approvedBy: request.approver,
      approvedAt: now,
      activationWindowStart: now,
      activationWindowEnd: new Date(now.getTime() + hours * 3_600_000),
      executionConstraints: (constraints as Record<string, unknown> | null | undefined) ?? null,
    },
  };
}

/** Decides a rejection with its reason. */
export function decideRejection(contract: ContractState, reason: string, rejectedBy: string): ContractChange {
  if (reason.trim().length === 0 || reason.length > 2000) throw new BadUserInputError(['reason must be 1..2000 characters and not blank']);
  assertContractTransition(contract.status, 'REJECTED');
  return { to: 'REJECTED', reason: `rejected by ${rejectedBy}: ${reason}`, fields: {} };
}

/** An unapproved contract past expiresAt expires; anything else is left alone (null). */
export function decideExpiry(contract: ContractState, now: Date): ContractChange | null {
  const unapproved = contract.status === 'DRAFT' || contract.status === 'VALIDATED' || contract.status === 'ELIGIBLE';
  if (!unapproved || contract.expiresAt === null || contract.expiresAt > now) return null;
  return { to: 'EXPIRED', reason: 'expired: not approved before expiresAt', fields: {} };
}

/** An approved contract not activated inside its window fails; anything else is left alone (null). */
export function decideActivationWindowElapsed(contract: ContractState, now: Date): ContractChange | null {
  if (contract.status !== 'APPROVED' || contract.activationWindowEnd === null || contract.activationWindowEnd > now) return null;
  return { to: 'FAILED', reason: 'activation window elapsed', fields: {} };
}

function assertVersion(contract: ContractState, expectedVersion: number | null | undefined): void {
  if (expectedVersion != null && expectedVersion !== contract.version) {
    throw new ConflictError(`Contract is at version ${contract.version}, not ${expectedVersion}`, { currentVersion: contract.version });
  }
}
