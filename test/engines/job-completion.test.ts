// Unit tests of the evidence engine: the completion outcome derived from step results (DOMAIN.md §2),
// which step results are acceptable (J2), job progress, and the audit evidence built at a terminal state.
import { describe, expect, it } from 'vitest';
import {
  assertStepResultAcceptable,
  buildAuditEvidence,
  deriveCompletionOutcome,
  jobProgress,
  StepStatuses,
  type AuditEvidenceInput,
  type StepResult,
  type StepStatus,
} from '../../src/runtime/engines/job-completion.js';
import { buildJobPlan } from '../../src/runtime/engines/job-plan.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

const t0 = new Date('2026-01-01T00:00:00Z');

/** Results for steps 0.. with these statuses, in order. */
function results(...statuses: StepStatus[]): StepResult[] {
  return statuses.map((status, stepIndex) => ({ stepIndex, status }));
}

const outcomes: { name: string; totalSteps: number; evidence: StepResult[]; status: string; reason: string }[] = [
  { name: 'no results', totalSteps: 3, evidence: [], status: 'FAILED', reason: 'no step results' },
  { name: 'no results for a job without steps', totalSteps: 0, evidence: [], status: 'FAILED', reason: 'no step results' },
  { name: 'one failed step', totalSteps: 3, evidence: results('COMPLETED', 'FAILED'), status: 'FAILED', reason: 'step 1 failed' },
  { name: 'the first step failed', totalSteps: 1, evidence: results('FAILED'), status: 'FAILED', reason: 'step 0 failed' },
  { name: 'two failed steps', totalSteps: 3, evidence: results('FAILED', 'COMPLETED', 'FAILED'), status: 'FAILED', reason: 'steps 0, 2 failed' },
  { name: 'a failed step among skipped ones', totalSteps: 3, evidence: results('SKIPPED', 'FAILED', 'SKIPPED'), status: 'FAILED', reason: 'step 1 failed' },
  { name: 'every step completed', totalSteps: 3, evidence: results('COMPLETED', 'COMPLETED', 'COMPLETED'), status: 'COMPLETED', reason: 'all 3 steps completed' },
  { name: 'the only step completed', totalSteps: 1, evidence: results('COMPLETED'), status: 'COMPLETED', reason: 'all 1 steps completed' },
  { name: 'partial: 1 of 3 reported', totalSteps: 3, evidence: results('COMPLETED'), status: 'FAILED', reason: 'only 1/3 steps completed' },
  { name: 'partial: 2 of 3 reported', totalSteps: 3, evidence: results('COMPLETED', 'COMPLETED'), status: 'FAILED', reason: 'only 2/3 steps completed' },
  { name: 'a skipped step', totalSteps: 3, evidence: results('COMPLETED', 'SKIPPED', 'COMPLETED'), status: 'FAILED', reason: 'only 2/3 steps completed' },
  { name: 'every step skipped', totalSteps: 2, evidence: results('SKIPPED', 'SKIPPED'), status: 'FAILED', reason: 'only 0/2 steps completed' },
];

describe('completion outcome (DOMAIN.md §2)', () => {
  it.each(outcomes)('$name → $status "$reason"', ({ totalSteps, evidence, status, reason }) => {
    expect(deriveCompletionOutcome(totalSteps, evidence)).toEqual({ status, reason });
  });

  it('names failed indices by stepIndex, not by position in the list', () => {
    expect(deriveCompletionOutcome(5, [{ stepIndex: 3, status: 'FAILED' }])).toEqual({ status: 'FAILED', reason: 'step 3 failed' });
  });
});

describe('acceptable step results (J2)', () => {
  const started = new Date(t0.getTime() + 1000);

  it.each(['COMPLETED', 'FAILED', 'SKIPPED'] as const)('accepts a %s result for the current step', (status) => {
    expect(codeThrownBy(() => assertStepResultAcceptable({ stepIndex: 1, status }, 1, 3))).toBe('none');
  });

  it.each([
    { given: 0, current: 1 },
    { given: 2, current: 1 },
    { given: -1, current: 0 },
  ])('refuses step $given while step $current is current, naming the expected index', ({ given, current }) => {
    expect(reasonsThrownBy(() => assertStepResultAcceptable({ stepIndex: given, status: 'COMPLETED' }, current, 3))).toEqual([
      `stepIndex must be ${current} (the current step), got ${given}`,
    ]);
  });

  it('refuses any result once every step has one', () => {
    expect(reasonsThrownBy(() => assertStepResultAcceptable({ stepIndex: 3, status: 'COMPLETED' }, 3, 3))).toEqual(['all 3 steps already have results']);
  });

  it.each(['PENDING', 'RUNNING'] as const)('refuses a %s (not final) step status', (status) => {
    expect(reasonsThrownBy(() => assertStepResultAcceptable({ stepIndex: 0, status }, 0, 3))).toEqual(['status must be one of COMPLETED, FAILED, SKIPPED']);
  });

  it('refuses completedAt before startedAt, and accepts them equal', () => {
    expect(reasonsThrownBy(() => assertStepResultAcceptable({ stepIndex: 0, status: 'COMPLETED', startedAt: started, completedAt: t0 }, 0, 1))).toEqual([
      'completedAt must not be before startedAt',
    ]);
    expect(codeThrownBy(() => assertStepResultAcceptable({ stepIndex: 0, status: 'COMPLETED', startedAt: started, completedAt: started }, 0, 1))).toBe('none');
  });

  it('lists every broken rule at once', () => {
    expect(reasonsThrownBy(() => assertStepResultAcceptable({ stepIndex: 2, status: 'RUNNING', startedAt: started, completedAt: t0 }, 0, 3))).toEqual([
      'stepIndex must be 0 (the current step), got 2',
      'status must be one of COMPLETED, FAILED, SKIPPED',
      'completedAt must not be before startedAt',
    ]);
  });

  it('knows the five step statuses', () => {
    expect([...StepStatuses]).toEqual(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED']);
  });
});

describe('job progress', () => {
  it('reports the current step, the total, and the completed and failed counts kept on the job', () => {
    expect(jobProgress({ currentStepIndex: 2, totalSteps: 3, completedSteps: 1, failedSteps: 1 })).toEqual({ currentStep: 2, totalSteps: 3, completedSteps: 1, failedSteps: 1 });
    expect(jobProgress({ currentStepIndex: 0, totalSteps: 0, completedSteps: 0, failedSteps: 0 })).toEqual({ currentStep: 0, totalSteps: 0, completedSteps: 0, failedSteps: 0 });
  });
});

describe('audit evidence', () => {
  const steps = buildJobPlan([
    { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' },
    { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: { temperature: 0.2 } },
  ]);
  const healthBefore = { capturedAt: t0.toISOString(), runningJobs: 0, capabilities: {} };

  function evidenceInput(overrides: Partial<AuditEvidenceInput['job']>, evidence: StepResult[]): AuditEvidenceInput {
    const job = {
      id: 'job_1',
      contractId: 'ctr_1',
      status: 'COMPLETED' as const,
      statusReason: 'all 2 steps completed',
      createdAt: t0,
      startedAt: new Date(t0.getTime() + 60_000),
      completedAt: new Date(t0.getTime() + 150_500),
      ...overrides,
    };
    return { job, steps, results: evidence, healthBefore };
  }

  it('carries the job, steps, results, health before and after, and the duration in seconds', () => {
    const evidence: StepResult[] = [
      { stepIndex: 0, status: 'COMPLETED', startedAt: t0, completedAt: t0, output: { ok: true }, error: null, healthAfter: { summariser: 'DEGRADED' } },
      { stepIndex: 1, status: 'COMPLETED', startedAt: t0, completedAt: t0, output: null, error: null, healthAfter: { summariser: 'HEALTHY' } },
    ];
    const input = evidenceInput({}, evidence);
    expect(buildAuditEvidence(input)).toEqual({
      job: input.job,
      steps,
      results: evidence,
      healthBefore,
      healthAfter: { summariser: 'HEALTHY' },
      durationSeconds: 90.5,
    });
  });

  it('measures the duration from creation when the job never started', () => {
    expect(buildAuditEvidence(evidenceInput({ startedAt: null, completedAt: new Date(t0.getTime() + 30_000) }, [])).durationSeconds).toBe(30);
  });

  it('never reports a negative duration', () => {
    expect(buildAuditEvidence(evidenceInput({ completedAt: t0 }, [])).durationSeconds).toBe(0);
  });

  it('takes healthAfter from the last result, and null when no result reported health', () => {
    expect(buildAuditEvidence(evidenceInput({}, [])).healthAfter).toBeNull();
    expect(buildAuditEvidence(evidenceInput({}, results('COMPLETED', 'COMPLETED'))).healthAfter).toBeNull();
    const reported = [
      { stepIndex: 0, status: 'COMPLETED' as const, healthAfter: { at: 0 } },
      { stepIndex: 1, status: 'FAILED' as const, healthAfter: { at: 1 } },
    ];
    expect(buildAuditEvidence(evidenceInput({}, reported)).healthAfter).toEqual({ at: 1 });
  });

  it('keeps the latest reported health when the last result reported none', () => {
    const evidence = [{ stepIndex: 0, status: 'COMPLETED' as const, healthAfter: { at: 0 } }, { stepIndex: 1, status: 'FAILED' as const, healthAfter: null }];
    expect(buildAuditEvidence(evidenceInput({}, evidence)).healthAfter).toEqual({ at: 0 });
  });
});
