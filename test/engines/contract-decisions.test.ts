// Unit tests of the decisions on existing contracts: approval (C2, window, version, MAY_NOT, C5),
// rejection, and the expiry and activation-window decisions at, before and after their boundary.
import { describe, expect, it } from 'vitest';
import {
  ActivationWindowHours,
  decideActivationWindowElapsed,
  decideApproval,
  decideExpiry,
  decideRejection,
  type ApprovalRequest,
  type ContractState,
} from '../../src/runtime/engines/contract-decisions.js';
import { ContractStatuses } from '../../src/runtime/engines/contract-states.js';
import { BadUserInputError, ConflictError, ForbiddenError, ImmutableError, InvalidTransitionError, MayNotVerdictError } from '../../src/runtime/errors.js';
import { contractStateAt, terminalContractStatuses as terminal } from '../support/contract-state.js';

const now = new Date('2026-01-01T00:00:00Z');
const hour = 3_600_000;
const contract = (overrides: Partial<ContractState> = {}) => contractStateAt(now, overrides);

/** The instants just before, exactly at and just after `boundary`, with the change expected at each. */
function aroundBoundary(boundary: Date, change: unknown) {
  return [
    { at: 'before', instant: new Date(boundary.getTime() - 1), change: null },
    { at: 'exactly at', instant: boundary, change },
    { at: 'after', instant: new Date(boundary.getTime() + 1), change },
  ];
}

function approval(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return { approver: 'ann', approverRole: 'approver', ...overrides };
}

describe('approval', () => {
  it('approves with the approver, the instant and a 24 h window by default', () => {
    expect(ActivationWindowHours).toEqual({ default: 24, min: 1, max: 168 });
    expect(decideApproval(contract(), approval(), now)).toEqual({
      to: 'APPROVED',
      reason: 'approved by ann',
      fields: {
        approvedBy: 'ann',
        approvedAt: now,
        activationWindowStart: now,
        activationWindowEnd: new Date(now.getTime() + 24 * hour),
        executionConstraints: null,
      },
    });
  });

  it.each([1, 168])('opens a custom window of %s h', (hours) => {
    const change = decideApproval(contract(), approval({ activationWindowHours: hours }), now);
    expect(change.fields.activationWindowEnd).toEqual(new Date(now.getTime() + hours * hour));
  });

  it.each([0, 169, -1, 2.5])('refuses a window of %s h', (hours) => {
    expect(() => decideApproval(contract(), approval({ activationWindowHours: hours }), now)).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ reasons: ['activationWindowHours must be an integer in 1..168'] }) }),
    );
  });

  it('keeps object execution constraints and refuses any other shape', () => {
    const constraints = { maxRequestsPerMinute: 10 };
    expect(decideApproval(contract(), approval({ executionConstraints: constraints }), now).fields.executionConstraints).toEqual(constraints);
    for (const bad of [[1], 'fast', 3]) {
      expect(() => decideApproval(contract(), approval({ executionConstraints: bad }), now)).toThrow(BadUserInputError);
    }
  });

  it('accepts the current expectedVersion and answers CONFLICT for a stale one', () => {
    expect(decideApproval(contract({ version: 3 }), approval({ expectedVersion: 3 }), now).to).toBe('APPROVED');
    expect(() => decideApproval(contract({ version: 3 }), approval({ expectedVersion: 2 }), now)).toThrow(ConflictError);
    expect(() => decideApproval(contract({ version: 3 }), approval({ expectedVersion: 2 }), now)).toThrowError(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT', currentVersion: 3 }) }),
    );
  });

  it.each(['approver', 'admin'] as const)('lets the %s role approve', (approverRole) => {
    expect(decideApproval(contract(), approval({ approverRole }), now).to).toBe('APPROVED');
  });

  it.each(['operator', 'viewer'] as const)('refuses the %s role with FORBIDDEN', (approverRole) => {
    expect(() => decideApproval(contract(), approval({ approverRole }), now)).toThrow(ForbiddenError);
  });

  it.each(['approver', 'admin'] as const)('never lets the creator approve, even as %s (separation of duties)', (approverRole) => {
    expect(() => decideApproval(contract({ createdBy: 'ann' }), approval({ approver: 'ann', approverRole }), now)).toThrowError(
      expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('Separation of duties') }),
    );
  });

  it.each(['approver', 'admin', 'operator', 'viewer'] as const)('refuses a stored MAY_NOT contract with MAY_NOT_VERDICT for %s', (approverRole) => {
    const mayNot = contract({ eligibilityDecision: 'MAY_NOT', eligibilityReason: 'blocked by policy P9' });
    expect(() => decideApproval(mayNot, approval({ approverRole }), now)).toThrow(MayNotVerdictError);
  });

  it('checks MAY_NOT before the version, the state and the creator', () => {
    const mayNot = contract({ eligibilityDecision: 'MAY_NOT', status: 'REJECTED', version: 5, createdBy: 'ann' });
    expect(() => decideApproval(mayNot, approval({ expectedVersion: 1 }), now)).toThrow(MayNotVerdictError);
  });

  it.each(terminal)('refuses to approve a %s contract with IMMUTABLE', (status) => {
    expect(() => decideApproval(contract({ status }), approval(), now)).toThrow(ImmutableError);
  });

  it.each(['DRAFT', 'VALIDATED', 'APPROVED', 'ACTIVE'] as const)('refuses to approve a %s contract with INVALID_TRANSITION', (status) => {
    expect(() => decideApproval(contract({ status }), approval(), now)).toThrow(InvalidTransitionError);
  });
});

describe('rejection', () => {
  it.each(['DRAFT', 'VALIDATED', 'ELIGIBLE'] as const)('rejects a %s contract, naming who and why', (status) => {
    expect(decideRejection(contract({ status }), 'too risky', 'ann')).toEqual({ to: 'REJECTED', reason: 'rejected by ann: too risky', fields: {} });
  });

  it.each(['APPROVED', 'ACTIVE'] as const)('refuses to reject a %s contract with INVALID_TRANSITION', (status) => {
    expect(() => decideRejection(contract({ status }), 'too late', 'ann')).toThrow(InvalidTransitionError);
  });

  it.each(terminal)('refuses to reject a %s contract with IMMUTABLE', (status) => {
    expect(() => decideRejection(contract({ status }), 'again', 'ann')).toThrow(ImmutableError);
  });

  it.each(['', '   ', 'r'.repeat(2001)])('refuses a blank or overlong reason (length %#)', (reason) => {
    expect(() => decideRejection(contract(), reason, 'ann')).toThrow(BadUserInputError);
  });

  it('accepts a reason of 2000 characters', () => {
    expect(decideRejection(contract(), 'r'.repeat(2000), 'ann').to).toBe('REJECTED');
  });
});

describe('expiry', () => {
  const expiresAt = new Date(now.getTime() + 72 * hour);
  const expired = { to: 'EXPIRED', reason: 'expired: not approved before expiresAt', fields: {} };

  it.each(aroundBoundary(expiresAt, expired))('an ELIGIBLE contract $at expiresAt', ({ instant, change }) => {
    expect(decideExpiry(contract({ expiresAt }), instant)).toEqual(change);
  });

  it.each(ContractStatuses.map((status) => ({ status, expires: ['DRAFT', 'VALIDATED', 'ELIGIBLE'].includes(status) })))(
    'a $status contract past expiresAt expires: $expires',
    ({ status, expires }) => {
      const change = decideExpiry(contract({ status, expiresAt }), new Date(expiresAt.getTime() + hour));
      expect(change?.to ?? null).toBe(expires ? 'EXPIRED' : null);
    },
  );

  it('never expires a contract without expiresAt', () => {
    expect(decideExpiry(contract({ expiresAt: null }), new Date(now.getTime() + 10_000 * hour))).toBeNull();
  });
});

describe('activation window', () => {
  const activationWindowEnd = new Date(now.getTime() + 24 * hour);
  const failed = { to: 'FAILED', reason: 'activation window elapsed', fields: {} };

  it.each(aroundBoundary(activationWindowEnd, failed))('an APPROVED contract $at the window end', ({ instant, change }) => {
    expect(decideActivationWindowElapsed(contract({ status: 'APPROVED', activationWindowEnd }), instant)).toEqual(change);
  });

  it.each(ContractStatuses.filter((status) => status !== 'APPROVED'))('leaves a %s contract alone', (status) => {
    expect(decideActivationWindowElapsed(contract({ status, activationWindowEnd }), new Date(activationWindowEnd.getTime() + hour))).toBeNull();
  });

  it('leaves an APPROVED contract without a window alone', () => {
    expect(decideActivationWindowElapsed(contract({ status: 'APPROVED', activationWindowEnd: null }), new Date(now.getTime() + 10_000 * hour))).toBeNull();
  });
});
