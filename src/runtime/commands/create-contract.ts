// Runtime command: createContract — MAY_NOT and shape checks first (nothing written when refused),
// then in one commit the contract, its three history steps, the event and the idempotency record.
import { randomUUID } from 'node:crypto';
import { decideContractCreation, type ContractProposal } from '../engines/contract-creation.js';
import { fingerprintRequest } from '../engines/request-fingerprint.js';
import { IdempotencyMismatchError } from '../errors.js';
import { findContract } from '../drivers/contract-reads.js';
import { insertContract } from '../drivers/contracts.js';
import { claimIdempotencyKey, recordIdempotentResult, type IdempotencyScope } from '../drivers/idempotency.js';
import { appendEvents } from '../drivers/outbox.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { ContractRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { contractEvent } from './apply-contract-change.js';

/** Input of createContract: the proposal and an optional idempotency key. */
export interface CreateContractInput extends ContractProposal {
  idempotencyKey?: string | null;
}

/** Creates an ELIGIBLE contract from a MAY proposal, or refuses with nothing written. */
export async function createContract(deps: RuntimeDeps, ctx: RequestContext, input: CreateContractInput): Promise<ContractRecord> {
  const { idempotencyKey, ...proposal } = input;
  const now = deps.clock.now();
  const creation = decideContractCreation(proposal, now);
  return withUnitOfWork(deps, 'createContract', now, async (uow) => {
    const scope: IdempotencyScope | null = idempotencyKey ? { tenantId: ctx.principal.tenantId, operation: 'createContract', key: idempotencyKey } : null;
    if (scope) {
      const claim = await claimIdempotencyKey(uow, scope, fingerprintRequest(proposal));
      if (!claim.claimed) return replay(uow, ctx, scope, claim.requestHash === fingerprintRequest(proposal), claim.resultId);
    }
    const draft: ContractRecord = {
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
      createdAt: now,
      updatedAt: now,
      expiresAt: creation.expiresAt,
    };
    const contract = await insertContract(uow, draft);
    await appendTransitions(uow, { tenantId: contract.tenantId, type: 'contract', id: contract.id }, ctx.principal.name, creation.transitions);
    await appendEvents(uow, [contractEvent(contract, 'contract.created', ctx.principal.name, 'NONE')]);
    if (scope) await recordIdempotentResult(uow, scope, contract.id);
    return contract;
  });
}

async function replay(uow: UnitOfWork, ctx: RequestContext, scope: IdempotencyScope, sameInput: boolean, resultId: string | null): Promise<ContractRecord> {
  if (!sameInput || resultId === null) throw new IdempotencyMismatchError(scope.key);
  const contract = await findContract(uow, ctx.principal.tenantId, resultId);
  if (!contract) throw new Error(`Idempotency record points at missing contract ${resultId}`);
  return contract;
}
