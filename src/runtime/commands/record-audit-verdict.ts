// Runtime command: recordAuditVerdict — for an ACTIVE contract whose job COMPLETED: PASS completes
// the contract (C4), FAIL or INCONCLUSIVE fails it; the verdict, reason and time are recorded.
import { decideAuditVerdict } from '../engines/contract-activation.js';
import type { AuditVerdict } from '../engines/contract-states.js';
import { NotFoundError } from '../errors.js';
import { lockContract } from '../drivers/contracts.js';
import { findJob } from '../drivers/job-reads.js';
import type { ContractRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';
import { applyContractChange } from './apply-contract-change.js';
import { contractStateOf } from './change-contract.js';

/** Records the audit verdict on an active contract. */
export function recordAuditVerdict(deps: RuntimeDeps, ctx: RequestContext, contractId: string, verdict: AuditVerdict, reason: string): Promise<ContractRecord> {
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'recordAuditVerdict', deps.clock.now(), async (uow) => {
    const contract = await lockContract(uow, ctx.principal.tenantId, contractId);
    if (!contract) throw new NotFoundError('Contract', contractId);
    const job = contract.jobId ? await findJob(uow, ctx.principal.tenantId, contract.jobId) : null;
    const change = decideAuditVerdict(contractStateOf(contract), job ? job.status : null, verdict, reason, uow.now);
    return applyContractChange(uow, contract, change, ctx.principal.name);
  });
}
