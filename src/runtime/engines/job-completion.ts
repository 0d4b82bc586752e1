// Engine: what a job's evidence means — ordered step results (J2), the completion outcome derived
// from the evidence (DOMAIN.md §2), progress, and the audit evidence prepared at a terminal state.
import { BadUserInputError } from '../errors.js';
import type { JobStep } from './job-plan.js';
import type { JobStatus } from './job-states.js';

/** Statuses a step may have. */
export const StepStatuses = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED'] as const;

/** One step status. */
export type StepStatus = (typeof StepStatuses)[number];

/** The evidence an executor reports for one step (J4). */
export interface StepResult {
  stepIndex: number;
  status: StepStatus;
  startedAt?: Date | null;
  completedAt?: Date | null;
  output?: unknown;
  error?: string | null;
  healthAfter?: unknown;
}

/** The outcome of completing a job. */
export interface CompletionOutcome {
  status: Extract<JobStatus, 'COMPLETED' | 'FAILED'>;
  reason: string;
}

/** Job progress as consoles show it. */
export interface JobProgress {
  currentStep: number;
  totalSteps: number;
  completedSteps: number;
  failedSteps: number;
}

const FINAL_STEP_STATUSES: readonly StepStatus[] = ['COMPLETED', 'FAILED', 'SKIPPED'];

/** J2: accepts only a final result for the current step; throws BAD_USER_INPUT otherwise. */
export function assertStepResultAcceptable(result: StepResult, currentStepIndex: number, totalSteps: number): void {
  const problems: string[] = [];
  if (currentStepIndex >= totalSteps) problems.push(`all ${totalSteps} steps already have results`);
  else if (result.stepIndex !== currentStepIndex) problems.push(`stepIndex must be ${currentStepIndex} (the current step), got ${result.stepIndex}`);
  if (!FINAL_STEP_STATUSES.includes(result.status)) problems.push(`status must be one of ${FINAL_STEP_STATUSES.join(', ')}`);
  if (result.startedAt && result.completedAt && result.completedAt < result.startedAt) problems.push('completedAt must not be before startedAt');
  if (problems.length > 0) throw new BadUserInputError(problems);
}

/** Derives the outcome from the evidence: none, failed indices, partial, or all completed. */
export function deriveCompletionOutcome(totalSteps: number, results: readonly StepResult[]): CompletionOutcome {
  if (results.length === 0) return { status: 'FAILED', reason: 'no step results' };
  const failed = results.filter((result) => result.status === 'FAILED').map((result) => result.stepIndex);
  if (failed.length > 0) return { status: 'FAILED', reason: `step${failed.length > 1 ? 's' : ''} ${failed.join(', ')} failed` };
  const completed = results.filter((result) => result.status === 'COMPLETED').length;
  if (completed === totalSteps) return { status: 'COMPLETED', reason: `all ${totalSteps} steps completed` };
  return { status: 'FAILED', reason: `only ${completed}/${totalSteps} steps completed` };
}

/** Progress from the job's counters. */
export function jobProgress(job: { currentStepIndex: number; totalSteps: number; completedSteps: number; failedSteps: number }): JobProgress {
  return { currentStep: job.currentStepIndex, totalSteps: job.totalSteps, completedSteps: job.completedSteps, failedSteps: job.failedSteps };
}

/** The facts the audit receives when a job reaches a terminal state. */
export interface AuditEvidenceInput {
  job: { id: string; contractId: string; status: JobStatus; statusReason: string; createdAt: Date; startedAt: Date | null; completedAt: Date };
  steps: readonly JobStep[];
  results: readonly StepResult[];
  healthBefore: unknown;
}

/** Prepares the audit evidence: job, steps, results, health before/after, duration in seconds. */
export function buildAuditEvidence(input: AuditEvidenceInput): Record<string, unknown> {
  const { job, steps, results, healthBefore } = input;
  const lastHealth = [...results].reverse().find((result) => result.healthAfter != null)?.healthAfter ?? null;
  const since = job.startedAt ?? job.createdAt;
  return {
    job: { ...job },
    steps,
    results,
    healthBefore,
    healthAfter: lastHealth,
    durationSeconds: Math.max(0, (job.completedAt.getTime() - since.getTime()) / 1000),
  };
}
