// Runtime command: activateContract — in one commit: the job plan from the proposed changes, the
// PENDING job with its timeout and health snapshot, and the contract moved to ACTIVE with its job.
import { randomUUID } from 'node:crypto';
import { decideActivation } from '../engines/contract-activation.js';
import { buildHealthSnapshot } from '../engines/health-snapshot.js';
import { buildJobPlan } from '../engines/job-plan.js';
import type { ProposedChange } from '../engines/proposed-changes.js';
import { NotFoundError } from '../errors.js';
import { loadCapabilityHealth } from '../drivers/capability-health.js';
import { findContract } from '../drivers/contract-reads.js';
import { lockContract } from '../drivers/contracts.js';
import { findJob } from '../drivers/job-reads.js';
import { countRunningJobs, insertJob } from '../drivers/jobs.js';
import { appendEvents } from '../drivers/outbox.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { ContractRecord, JobRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { applyContractChange } from './apply-contract-change.js';
import { contractStateOf } from './change-contract.js';
import { runIdempotent } from './idempotent.js';
import { jobEvent } from './job-events.js';

/** The active contract and its new job. */
export interface Activation {
  contract: ContractRecord;
  job: JobRecord;
}

/** Activation options as the API takes them. */
export interface ActivateContractInput {
  timeoutMinutes?: number | null;
  idempotencyKey?: string | null;
}

/** Activates an APPROVED contract inside its window, creating its one job in the same commit. */
export function activateContract(deps: RuntimeDeps, ctx: RequestContext, id: string, input: ActivateContractInput): Promise<Activation> {
  const tenantId = ctx.principal.tenantId;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'activateContract', deps.clock.now(), (uow) =>
    runIdempotent(uow, {
      tenantId,
      operation: 'activateContract',
      key: input.idempotencyKey,
      input: { id, timeoutMinutes: input.timeoutMinutes ?? null },
      execute: async () => {
        const activation = await activate(uow, ctx, id, input.timeoutMinutes);
        return { result: activation, resultId: activation.job.id };
      },
      replay: async (jobId) => {
        const job = await findJob(uow, tenantId, jobId);
        const contract = job && (await findContract(uow, tenantId, job.contractId));
        return job && contract ? { job, contract } : null;
      },
    }),
  );
}

async function activate(uow: UnitOfWork, ctx: RequestContext, id: string, timeoutMinutes: number | null | undefined): Promise<Activation> {
  const { tenantId, name: actor } = ctx.principal;
  const contract = await lockContract(uow, tenantId, id);
  if (!contract) throw new NotFoundError('Contract', id);
  const jobId = `job_${randomUUID()}`;
  const decision = decideActivation(contractStateOf(contract), jobId, timeoutMinutes, uow.now);
  const steps = buildJobPlan(contract.proposedChanges as ProposedChange[]);
  const healthBefore = buildHealthSnapshot(await loadCapabilityHealth(uow, tenantId), await countRunningJobs(uow, tenantId), uow.now);
  const reason = `created by activation of contract ${contract.id}`;
  const job: JobRecord = {
    id: jobId,
    tenantId,
    contractId: contract.id,
    version: 1,
    status: 'PENDING',
    statusReason: reason,
    steps,
    currentStepIndex: 0,
    totalSteps: steps.length,
    completedSteps: 0,
    failedSteps: 0,
    healthBefore,
    healthAfter: null,
    auditEvidence: null,
    createdBy: actor,
    createdAt: uow.now,
    startedAt: null,
    completedAt: null,
    timeoutAt: decision.timeoutAt,
  };
  await insertJob(uow, job);
  await appendTransitions(uow, { tenantId, type: 'job', id: job.id }, job, actor, [{ from: 'NONE', to: 'PENDING', reason }]);
  appendEvents(uow, [jobEvent(job, 'job.created', actor)]);
  const active = await applyContractChange(uow, contract, decision.change, actor);
  return { contract: active, job };
}
