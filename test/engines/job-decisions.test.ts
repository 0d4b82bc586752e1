// Unit tests of the job decisions: start, which step results may be recorded (J2), completion from
// the evidence, cancellation with its reason, and the timeout at, before and after its boundary (J3).
import { describe, expect, it } from 'vitest';
import {
  assertStepResultRecordable,
  decideJobCancellation,
  decideJobCompletion,
  decideJobStart,
  decideJobTimeout,
  type JobState,
} from '../../src/runtime/engines/job-decisions.js';
import { JobStatuses, type JobStatus } from '../../src/runtime/engines/job-states.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

const now = new Date('2026-01-01T00:00:00Z');
const terminal: JobStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

function job(overrides: Partial<JobState> = {}): JobState {
  return { status: 'RUNNING', currentStepIndex: 0, totalSteps: 3, timeoutAt: new Date(now.getTime() + 3_600_000), ...overrides };
}

/** For each status, the code a decision throws when the job is in it ('none' when it decides). */
function codePerStatus(decide: (state: JobState) => unknown): Record<JobStatus, string> {
  return Object.fromEntries(JobStatuses.map((status) => [status, codeThrownBy(() => decide(job({ status })))])) as Record<JobStatus, string>;
}

describe('start', () => {
  it('moves a PENDING job to RUNNING', () => {
    expect(decideJobStart(job({ status: 'PENDING' }))).toEqual({ to: 'RUNNING', reason: 'started by the executor' });
  });

  it('refuses every other status: INVALID_TRANSITION while RUNNING, IMMUTABLE once terminal', () => {
    expect(codePerStatus(decideJobStart)).toEqual({ PENDING: 'none', RUNNING: 'INVALID_TRANSITION', COMPLETED: 'IMMUTABLE', FAILED: 'IMMUTABLE', CANCELLED: 'IMMUTABLE' });
  });
});

describe('recording a step result (J2)', () => {
  const result = { stepIndex: 0, status: 'COMPLETED' as const };

  it('accepts the current step only while RUNNING', () => {
    expect(codePerStatus((state) => assertStepResultRecordable(state, result))).toEqual({
      PENDING: 'INVALID_TRANSITION',
      RUNNING: 'none',
      COMPLETED: 'IMMUTABLE',
      FAILED: 'IMMUTABLE',
      CANCELLED: 'IMMUTABLE',
    });
  });

  it('says a PENDING job takes results only once RUNNING', () => {
    expect(() => assertStepResultRecordable(job({ status: 'PENDING' }), result)).toThrowError(/step results are recorded only while the job is RUNNING/);
  });

  it('refuses a result for another step with BAD_USER_INPUT naming the expected index', () => {
    expect(reasonsThrownBy(() => assertStepResultRecordable(job({ currentStepIndex: 1 }), result))).toEqual(['stepIndex must be 1 (the current step), got 0']);
  });

  it('refuses a result after the last step', () => {
    expect(reasonsThrownBy(() => assertStepResultRecordable(job({ currentStepIndex: 3 }), { stepIndex: 3, status: 'COMPLETED' }))).toEqual([
      'all 3 steps already have results',
    ]);
  });
});

describe('completion', () => {
  it.each([
    { evidence: [], to: 'FAILED', reason: 'no step results' },
    { evidence: [{ stepIndex: 0, status: 'FAILED' as const }], to: 'FAILED', reason: 'step 0 failed' },
    { evidence: [{ stepIndex: 0, status: 'COMPLETED' as const }], to: 'FAILED', reason: 'only 1/3 steps completed' },
    { evidence: [0, 1, 2].map((stepIndex) => ({ stepIndex, status: 'COMPLETED' as const })), to: 'COMPLETED', reason: 'all 3 steps completed' },
  ])('a RUNNING job with $evidence.length results → $to "$reason"', ({ evidence, to, reason }) => {
    expect(decideJobCompletion(job(), evidence)).toEqual({ to, reason });
  });

  it('completes only a RUNNING job: INVALID_TRANSITION while PENDING, IMMUTABLE once terminal', () => {
    expect(codePerStatus((state) => decideJobCompletion(state, []))).toEqual({
      PENDING: 'INVALID_TRANSITION',
      RUNNING: 'none',
      COMPLETED: 'IMMUTABLE',
      FAILED: 'IMMUTABLE',
      CANCELLED: 'IMMUTABLE',
    });
  });
});

describe('cancellation', () => {
  it.each(['PENDING', 'RUNNING'] as const)('cancels a %s job, naming who cancelled and why', (status) => {
    expect(decideJobCancellation(job({ status }), 'operator changed plans', 'olga')).toEqual({ to: 'CANCELLED', reason: 'cancelled by olga: operator changed plans' });
  });

  it('refuses a terminal job with IMMUTABLE', () => {
    expect(codePerStatus((state) => decideJobCancellation(state, 'stop', 'olga'))).toEqual({
      PENDING: 'none',
      RUNNING: 'none',
      COMPLETED: 'IMMUTABLE',
      FAILED: 'IMMUTABLE',
      CANCELLED: 'IMMUTABLE',
    });
  });

  it.each([
    { name: 'empty', reason: '' },
    { name: 'blank', reason: '  \n ' },
    { name: '2001 characters', reason: 'x'.repeat(2001) },
  ])('refuses a reason that is $name with BAD_USER_INPUT', ({ reason }) => {
    expect(reasonsThrownBy(() => decideJobCancellation(job(), reason, 'olga'))).toEqual(['reason must be 1..2000 characters and not blank']);
  });

  it('accepts a reason of exactly 2000 characters', () => {
    expect(decideJobCancellation(job(), 'x'.repeat(2000), 'olga').to).toBe('CANCELLED');
  });
});

describe('timeout', () => {
  const timeoutAt = job().timeoutAt;

  it.each([
    { at: 'before', instant: new Date(timeoutAt.getTime() - 1), change: null },
    { at: 'exactly at', instant: timeoutAt, change: { to: 'FAILED', reason: 'timed out' } },
    { at: 'after', instant: new Date(timeoutAt.getTime() + 1), change: { to: 'FAILED', reason: 'timed out' } },
  ])('$at timeoutAt an unfinished job → $change', ({ instant, change }) => {
    expect(decideJobTimeout(job({ status: 'RUNNING' }), instant)).toEqual(change);
    expect(decideJobTimeout(job({ status: 'PENDING' }), instant)).toEqual(change);
  });

  it.each(terminal)('leaves a %s job alone past its timeout', (status) => {
    expect(decideJobTimeout(job({ status }), new Date(timeoutAt.getTime() + 3_600_000))).toBeNull();
  });
});
