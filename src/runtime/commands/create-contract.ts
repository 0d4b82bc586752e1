// Runtime command: createContract — MAY_NOT and shape checks first (nothing written when refused),
// then in one commit the contract, its three history steps, the event and the idempotency record.
import { randomUUID } from 'node:crypto';
import { decideContractCreation, type ContractCreation, type ContractProposal } from '../engines/contract-creation.js';
import { findContract } from '../drivers/contract-reads.js';
import { insertContract } from '../drivers/contracts.js';
import { appendEvents } from '../drivers/outbox.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { ContractRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { contractEvent } from './apply-contract-change.js';
import { runIdempotent } from './idempotent.js';

/** Input of createContract: the proposal and an optional idempotency key. */
export interface CreateContractInput extends ContractProposal {
  idempotencyKey?: string | null;
}

/** Creates an ELIGIBLE contract from a MAY proposal, or refuses with nothing written. */
export async function createContract(deps: RuntimeDeps, ctx: RequestContext, input: CreateContractInput): Promise<ContractRecord> {
  const { idempotencyKey, ...proposal } = input;
  const now = deps.clock.now();
  const creation = decideContractCreation(proposal, now);
  const tenantId = ctx.principal.tenantId;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'createContract', now, (uow) =>
    runIdempotent(uow, {
      tenantId,
      operation: 'createContract',
      key: idempotencyKey,
      input: proposal,
      execute: async () => {
        const contract = await insertNewContract(uow, ctx, proposal, creation, null);
        return { result: contract, resultId: contract.id };
      },
      replay: (contractId) => findContract(uow, tenantId, contractId),
    }),
  );
}

/** Writes a decided contract (drafted from `lessonId`, or from no lesson), its history steps and its contract.created event. */
export async function insertNewContract(uow: UnitOfWork, ctx: RequestContext, proposal: ContractProposal, creation: ContractCreation, lessonId: string | null): Promise<ContractRecord> {
  const contract = await insertContract(uow, {
    id: `ctr_${randomUUID()}`,
    tenantId: ctx.principal.tenantId,
    version: 1,
    issueId: proposal.issueId,
    source: proposal.source,
    status: creation.status,
    statusReason: creation.transitions[creation.transitions.length - 1].reason,
    title: proposal.title,
    description: proposal.description ?? null,
    proposedChanges: creation.proposedChanges,
    affectedCapabilities: proposal.affectedCapabilities,
    riskLevel: proposal.riskLevel,
    confidenceScore: creation.confidenceScore,
    validatorVerdict: { ...proposal.validatorVerdict },
    eligibilityVerdict: { ...proposal.eligibilityVerdict },
    eligibilityDecision: proposal.eligibilityVerdict.decision,
    createdBy: ctx.principal.name,
    approvedBy: null,
    approvedAt: null,
    activationWindowStart: null,
    activationWindowEnd: null,
    executionConstraints: null,
    jobId: null,
    auditVerdict: 'PENDING',
    auditReason: null,
    auditCompletedAt: null,
    createdAt: uow.now,
    updatedAt: uow.now,
    expiresAt: creation.expiresAt,
    lessonId,
  });
  await appendTransitions(uow, { tenantId: contract.tenantId, type: 'contract', id: contract.id }, contract, ctx.principal.name, creation.transitions);
  appendEvents(uow, [contractEvent(contract, 'contract.created', ctx.principal.name, 'NONE')]);
  return contract;
}
