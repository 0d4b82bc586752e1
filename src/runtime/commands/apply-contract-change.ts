// Runtime step: writes a decided contract change — versioned row update, transition record and
// outbox event — in the caller's unit of work. Every contract command ends here.
import type { ContractChange } from '../engines/contract-decisions.js';
import { updateContract } from '../drivers/contracts.js';
import { appendEvents, type NewOutboxEvent } from '../drivers/outbox.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { ContractRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** Applies `change` to the locked `contract` as `actor`; returns the stored contract. */
export async function applyContractChange(uow: UnitOfWork, contract: ContractRecord, change: ContractChange, actor: string): Promise<ContractRecord> {
  const updated = await updateContract(uow, contract, { status: change.to, statusReason: change.reason, ...change.fields });
  const subject = { tenantId: contract.tenantId, type: 'contract', id: contract.id } as const;
  await appendTransitions(uow, subject, updated, actor, [{ from: contract.status, to: change.to, reason: change.reason }]);
  appendEvents(uow, [contractEvent(updated, `contract.${change.to.toLowerCase()}`, actor, contract.status)]);
  return updated;
}

/** The outbox event announcing a contract's new state, with the contract as it is now (a snapshot). */
export function contractEvent(contract: ContractRecord, type: string, actor: string, fromStatus: string): NewOutboxEvent {
  return {
    tenantId: contract.tenantId,
    type,
    subjectType: 'contract' as const,
    subjectId: contract.id,
    actor,
    payload: { contractId: contract.id, fromStatus, status: contract.status, version: contract.version, contract: { ...contract } },
  };
}
