// Runtime commands: startJob, recordStepResult, completeJob and cancelJob — each locks the job,
// lets the engine decide, and writes the job, its history and its events in one commit.
import type { StepResult } from '../engines/job-completion.js';
import { assertStepResultRecordable, decideJobCancellation, decideJobCompletion, decideJobStart, type JobState } from '../engines/job-decisions.js';
import { NotFoundError } from '../errors.js';
import { findJob } from '../drivers/job-reads.js';
import { lockJob, updateJob } from '../drivers/jobs.js';
import { appendEvents } from '../drivers/outbox.js';
import { insertStepResult, loadStepResults } from '../drivers/step-results.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { JobRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { finishJob, toStepResult } from './finish-job.js';
import { runIdempotent } from './idempotent.js';
import { jobEvent } from './job-events.js';

/** PENDING → RUNNING. */
export function startJob(deps: RuntimeDeps, ctx: RequestContext, id: string): Promise<JobRecord> {
  return changeJob(deps, ctx, 'startJob', id, async (uow, job) => {
    const change = decideJobStart(jobStateOf(job));
    const started = await updateJob(uow, job, { status: change.to, statusReason: change.reason, startedAt: uow.now });
    await appendTransitions(uow, { tenantId: job.tenantId, type: 'job', id: job.id }, started, ctx.principal.name, [{ from: job.status, to: change.to, reason: change.reason }]);
    appendEvents(uow, [jobEvent(started, 'job.started', ctx.principal.name)]);
    return started;
  });
}

/** Records the result of the current step (J2, J4); a retried key records it once. */
export function recordStepResult(deps: RuntimeDeps, ctx: RequestContext, jobId: string, result: StepResult, idempotencyKey?: string | null): Promise<JobRecord> {
  const tenantId = ctx.principal.tenantId;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'recordStepResult', deps.clock.now(), (uow) =>
    runIdempotent(uow, {
      tenantId,
      operation: 'recordStepResult',
      key: idempotencyKey,
      input: { jobId, result },
      execute: async () => ({ result: await recordResult(uow, ctx, jobId, result), resultId: jobId }),
      replay: (id) => findJob(uow, tenantId, id),
    }),
  );
}

/** Completes a RUNNING job with the outcome its evidence gives. */
export function completeJob(deps: RuntimeDeps, ctx: RequestContext, id: string): Promise<JobRecord> {
  return changeJob(deps, ctx, 'completeJob', id, async (uow, job) => {
    const results = (await loadStepResults(uow, job.tenantId, [job.id])).map(toStepResult);
    return finishJob(uow, job, decideJobCompletion(jobStateOf(job), results), ctx.principal.name, results);
  });
}

/** Cancels a PENDING or RUNNING job; its contract fails in the same commit. */
export function cancelJob(deps: RuntimeDeps, ctx: RequestContext, id: string, reason: string): Promise<JobRecord> {
  return changeJob(deps, ctx, 'cancelJob', id, (uow, job) => finishJob(uow, job, decideJobCancellation(jobStateOf(job), reason, ctx.principal.name), ctx.principal.name));
}

async function recordResult(uow: UnitOfWork, ctx: RequestContext, jobId: string, result: StepResult): Promise<JobRecord> {
  const job = await lockOwnJob(uow, ctx, jobId);
  assertStepResultRecordable(jobStateOf(job), result);
  await insertStepResult(uow, {
    jobId,
    tenantId: job.tenantId,
    stepIndex: result.stepIndex,
    status: result.status,
    startedAt: result.startedAt ?? null,
    completedAt: result.completedAt ?? null,
    output: result.output ?? null,
    error: result.error ?? null,
    healthAfter: result.healthAfter ?? null,
    recordedBy: ctx.principal.name,
    recordedAt: uow.now,
  });
  const advanced = await updateJob(uow, job, {
    currentStepIndex: job.currentStepIndex + 1,
    completedSteps: job.completedSteps + (result.status === 'COMPLETED' ? 1 : 0),
    failedSteps: job.failedSteps + (result.status === 'FAILED' ? 1 : 0),
  });
  appendEvents(uow, [jobEvent(advanced, 'job.step_recorded', ctx.principal.name, { stepIndex: result.stepIndex, stepStatus: result.status })]);
  return advanced;
}

async function changeJob(
  deps: RuntimeDeps,
  ctx: RequestContext,
  command: string,
  id: string,
  change: (uow: UnitOfWork, job: JobRecord) => Promise<JobRecord>,
): Promise<JobRecord> {
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), command, deps.clock.now(), async (uow) => change(uow, await lockOwnJob(uow, ctx, id)));
}

async function lockOwnJob(uow: UnitOfWork, ctx: RequestContext, id: string): Promise<JobRecord> {
  const job = await lockJob(uow, ctx.principal.tenantId, id);
  if (!job) throw new NotFoundError('Job', id);
  return job;
}

/** The engine's view of a stored job. */
export function jobStateOf(job: JobRecord): JobState {
  return { status: job.status, currentStepIndex: job.currentStepIndex, totalSteps: job.totalSteps, timeoutAt: job.timeoutAt };
}
