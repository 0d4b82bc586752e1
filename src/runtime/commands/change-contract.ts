// Runtime commands: approveContract and rejectContract — lock the row, let the engine decide, apply.
import { decideApproval, decideRejection, type ApprovalRequest, type ContractChange } from '../engines/contract-decisions.js';
import { NotFoundError } from '../errors.js';
import { lockContract } from '../drivers/contracts.js';
import type { ContractRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { applyContractChange } from './apply-contract-change.js';
import type { ContractState } from '../engines/contract-decisions.js';

/** Approval options as the API takes them. */
export type ApproveContractInput = Pick<ApprovalRequest, 'activationWindowHours' | 'executionConstraints' | 'expectedVersion'>;

/** Approves an ELIGIBLE contract (approver or admin, never its creator). */
export function approveContract(deps: RuntimeDeps, ctx: RequestContext, id: string, input: ApproveContractInput): Promise<ContractRecord> {
  const request: ApprovalRequest = { ...input, approver: ctx.principal.name, approverRole: ctx.principal.role };
  return changeContract(deps, ctx, 'approveContract', id, (contract, now) => decideApproval(contract, request, now));
}

/** Rejects a contract that is not yet approved. */
export function rejectContract(deps: RuntimeDeps, ctx: RequestContext, id: string, reason: string): Promise<ContractRecord> {
  return changeContract(deps, ctx, 'rejectContract', id, (contract) => decideRejection(contract, reason, ctx.principal.name));
}

async function changeContract(
  deps: RuntimeDeps,
  ctx: RequestContext,
  command: string,
  id: string,
  decide: (contract: ContractState, now: Date) => ContractChange,
): Promise<ContractRecord> {
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), command, deps.clock.now(), async (uow) => {
    const contract = await lockContract(uow, ctx.principal.tenantId, id);
    if (!contract) throw new NotFoundError('Contract', id);
    const change = decide(contractStateOf(contract), uow.now);
    return applyContractChange(uow, contract, change, ctx.principal.name);
  });
}

/** The engine's view of a stored contract. */
export function contractStateOf(contract: ContractRecord): ContractState {
  return {
    version: contract.version,
    status: contract.status,
    createdBy: contract.createdBy,
    eligibilityDecision: contract.eligibilityDecision,
    eligibilityReason: String(contract.eligibilityVerdict.reason ?? ''),
    expiresAt: contract.expiresAt,
    activationWindowEnd: contract.activationWindowEnd,
  };
}
