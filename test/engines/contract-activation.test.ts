// Unit tests of activation (window boundaries, timeoutMinutes default and bounds, status and MAY_NOT
// guards), of the audit verdict (C4) and of what a terminal job does to its contract.
import { describe, expect, it } from 'vitest';
import { decideActivation, decideAuditVerdict, decideContractAfterJob, JobTimeoutMinutes } from '../../src/runtime/engines/contract-activation.js';
import type { AuditVerdict } from '../../src/runtime/engines/contract-states.js';
import type { ContractState } from '../../src/runtime/engines/contract-decisions.js';
import { ContractStatuses } from '../../src/runtime/engines/contract-states.js';
import { JobStatuses } from '../../src/runtime/engines/job-states.js';
import { contractStateAt, terminalContractStatuses as terminal } from '../support/contract-state.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

const now = new Date('2026-01-01T00:00:00Z');
const minute = 60_000;

/** An APPROVED contract at version 4 whose activation window ends 24 h after `now`. */
function contract(overrides: Partial<ContractState> = {}): ContractState {
  return contractStateAt(now, { version: 4, status: 'APPROVED', activationWindowEnd: new Date(now.getTime() + 24 * 60 * minute), ...overrides });
}

describe('activation (C3)', () => {
  it('activates an APPROVED contract with its job and a 60-minute timeout by default', () => {
    expect(JobTimeoutMinutes).toEqual({ default: 60, min: 1, max: 1440 });
    expect(decideActivation(contract(), 'job_1', undefined, now)).toEqual({
      change: { to: 'ACTIVE', reason: 'activated with job job_1', fields: { jobId: 'job_1' } },
      timeoutAt: new Date(now.getTime() + 60 * minute),
    });
    expect(decideActivation(contract(), 'job_1', null, now).timeoutAt).toEqual(new Date(now.getTime() + 60 * minute));
  });

  it.each([1, 30, 1440])('accepts timeoutMinutes %i', (minutes) => {
    expect(decideActivation(contract(), 'job_1', minutes, now).timeoutAt).toEqual(new Date(now.getTime() + minutes * minute));
  });

  it.each([0, -5, 1441, 1.5, Number.NaN])('refuses timeoutMinutes %s with BAD_USER_INPUT', (minutes) => {
    expect(reasonsThrownBy(() => decideActivation(contract(), 'job_1', minutes, now))).toEqual(['timeoutMinutes must be an integer in 1..1440']);
  });

  it.each([
    { at: 'before the window ends', end: new Date(now.getTime() + 1), code: 'none' },
    { at: 'exactly when the window ends', end: now, code: 'INVALID_TRANSITION' },
    { at: 'after the window ended', end: new Date(now.getTime() - 1), code: 'INVALID_TRANSITION' },
    { at: 'with no window at all', end: null, code: 'INVALID_TRANSITION' },
  ])('$at → $code', ({ end, code }) => {
    expect(codeThrownBy(() => decideActivation(contract({ activationWindowEnd: end }), 'job_1', 60, now))).toBe(code);
  });

  it('says the window has elapsed', () => {
    expect(() => decideActivation(contract({ activationWindowEnd: now }), 'job_1', 60, now)).toThrowError(/activation window has elapsed/);
  });

  it.each(ContractStatuses.filter((status) => status !== 'APPROVED').map((status) => ({ status, code: terminal.includes(status) ? 'IMMUTABLE' : 'INVALID_TRANSITION' })))(
    'refuses a $status contract with $code',
    ({ status, code }) => {
      expect(codeThrownBy(() => decideActivation(contract({ status }), 'job_1', 60, now))).toBe(code);
    },
  );

  it('refuses a MAY_NOT contract with MAY_NOT_VERDICT, whatever its status', () => {
    for (const status of ContractStatuses) {
      expect(codeThrownBy(() => decideActivation(contract({ status, eligibilityDecision: 'MAY_NOT', eligibilityReason: 'blocked by P9' }), 'job_1', 60, now))).toBe('MAY_NOT_VERDICT');
    }
  });
});

describe('audit verdict (C4)', () => {
  const active = contract({ status: 'ACTIVE' });

  it.each([
    { verdict: 'PASS' as const, to: 'COMPLETED' },
    { verdict: 'FAIL' as const, to: 'FAILED' },
    { verdict: 'INCONCLUSIVE' as const, to: 'FAILED' },
  ])('$verdict on an ACTIVE contract whose job COMPLETED → $to, recording verdict, reason and time', ({ verdict, to }) => {
    expect(decideAuditVerdict(active, 'COMPLETED', verdict, 'metrics nominal', now)).toEqual({
      to,
      reason: `audit ${verdict}: metrics nominal`,
      fields: { auditVerdict: verdict, auditReason: 'metrics nominal', auditCompletedAt: now },
    });
  });

  it('refuses a PENDING verdict with BAD_USER_INPUT', () => {
    expect(reasonsThrownBy(() => decideAuditVerdict(active, 'COMPLETED', 'PENDING', 'not yet', now))).toEqual(['verdict must be PASS, FAIL or INCONCLUSIVE']);
  });

  it('refuses a blank or too long reason, listing every problem', () => {
    expect(reasonsThrownBy(() => decideAuditVerdict(active, 'COMPLETED', 'PENDING', ' ', now))).toEqual([
      'verdict must be PASS, FAIL or INCONCLUSIVE',
      'reason must be 1..2000 characters and not blank',
    ]);
    expect(reasonsThrownBy(() => decideAuditVerdict(active, 'COMPLETED', 'PASS', 'x'.repeat(2001), now))).toEqual(['reason must be 1..2000 characters and not blank']);
  });

  it.each([...JobStatuses.filter((status) => status !== 'COMPLETED'), null])('refuses a verdict while the job is %s', (jobStatus) => {
    for (const verdict of ['PASS', 'FAIL', 'INCONCLUSIVE'] as AuditVerdict[]) {
      expect(codeThrownBy(() => decideAuditVerdict(active, jobStatus, verdict, 'too early', now))).toBe('INVALID_TRANSITION');
    }
  });

  it('refuses a verdict on a contract that is not ACTIVE', () => {
    expect(codeThrownBy(() => decideAuditVerdict(contract({ status: 'APPROVED' }), 'COMPLETED', 'PASS', 'r', now))).toBe('INVALID_TRANSITION');
    expect(codeThrownBy(() => decideAuditVerdict(contract({ status: 'APPROVED' }), 'COMPLETED', 'FAIL', 'r', now))).toBe('INVALID_TRANSITION');
    for (const status of terminal) expect(codeThrownBy(() => decideAuditVerdict(contract({ status }), 'COMPLETED', 'PASS', 'r', now))).toBe('IMMUTABLE');
  });
});

describe('the contract after its job', () => {
  it.each([
    { jobStatus: 'FAILED' as const, reason: 'job failed: step 1 failed' },
    { jobStatus: 'CANCELLED' as const, reason: 'job cancelled: step 1 failed' },
  ])('a $jobStatus job fails its contract, naming the job outcome', ({ jobStatus, reason }) => {
    expect(decideContractAfterJob(jobStatus, 'step 1 failed')).toEqual({ to: 'FAILED', reason, fields: {} });
  });

  it('leaves the contract alone (ACTIVE, audit PENDING) for a COMPLETED or unfinished job', () => {
    for (const jobStatus of ['COMPLETED', 'PENDING', 'RUNNING'] as const) expect(decideContractAfterJob(jobStatus, 'whatever')).toBeNull();
  });
});
