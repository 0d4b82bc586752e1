// Runtime step: a job reaching a terminal state, with its consequences in the same commit — the
// audit evidence stored on the job, `audit.requested`, and a FAILED/CANCELLED job failing its contract.
import { decideContractAfterJob } from '../engines/contract-activation.js';
import { buildAuditEvidence, type StepResult } from '../engines/job-completion.js';
import type { JobStep } from '../engines/job-plan.js';
import type { JobChange } from '../engines/job-decisions.js';
import { lockContract } from '../drivers/contracts.js';
import { updateJob } from '../drivers/jobs.js';
import { appendEvents } from '../drivers/outbox.js';
import { loadStepResults } from '../drivers/step-results.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { JobRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { applyContractChange } from './apply-contract-change.js';
import { jobEvent } from './job-events.js';

/** Moves the locked job to its terminal state and applies the consequences; returns the job. */
export async function finishJob(uow: UnitOfWork, job: JobRecord, change: JobChange, actor: string, results?: readonly StepResult[]): Promise<JobRecord> {
  const evidenceResults = results ?? (await loadStepResults(uow, job.tenantId, [job.id])).map(toStepResult);
  const evidence = buildAuditEvidence({
    job: { id: job.id, contractId: job.contractId, status: change.to, statusReason: change.reason, createdAt: job.createdAt, startedAt: job.startedAt, completedAt: uow.now },
    steps: job.steps as JobStep[],
    results: evidenceResults,
    healthBefore: job.healthBefore,
  });
  const finished = await updateJob(uow, job, { status: change.to, statusReason: change.reason, completedAt: uow.now, auditEvidence: evidence, healthAfter: evidence.healthAfter });
  await appendTransitions(uow, { tenantId: job.tenantId, type: 'job', id: job.id }, finished, actor, [{ from: job.status, to: change.to, reason: change.reason }]);
  appendEvents(uow, [jobEvent(finished, `job.${change.to.toLowerCase()}`, actor), jobEvent(finished, 'audit.requested', actor)]);
  const contractChange = decideContractAfterJob(finished.status, change.reason);
  if (contractChange) {
    const contract = await lockContract(uow, job.tenantId, job.contractId);
    if (!contract) throw new Error(`Job ${job.id} has no contract ${job.contractId}`);
    await applyContractChange(uow, contract, contractChange, actor);
  }
  return finished;
}

/** The engine's view of a stored step result. */
export function toStepResult(record: { stepIndex: number; status: StepResult['status']; startedAt: Date | null; completedAt: Date | null; output: unknown; error: string | null; healthAfter: unknown }): StepResult {
  const { stepIndex, status, startedAt, completedAt, output, error, healthAfter } = record;
  return { stepIndex, status, startedAt, completedAt, output, error, healthAfter };
}
