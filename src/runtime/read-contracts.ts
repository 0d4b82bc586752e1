// Runtime reads: contracts of the caller's tenant — one by id, and Relay pages with stable cursors.
import { findAsOf } from './drivers/audit-history.js';
import { findContract, listContracts, type ContractFilter } from './drivers/contract-reads.js';
import { readPage, type PageRequest } from './read-page.js';
import type { ContractRecord, Page } from './records.js';
import type { RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { readForCaller } from './scoped-transactions.js';

/** Arguments of the `contracts` list. */
export interface ContractPageRequest extends PageRequest {
  filter?: ContractFilter | null;
}

/**
 * One contract of the caller's tenant, or null (another tenant's contract is simply not there); with
 * `asOf`, as its history kept it then (null before it was created).
 */
export function readContract(deps: RuntimeDeps, ctx: RequestContext, id: string, asOf: Date | null = null): Promise<ContractRecord | null> {
  return readForCaller(deps, ctx, (reader) => (asOf ? findAsOf(reader, 'contract', ctx.principal.tenantId, id, asOf) : findContract(reader, ctx.principal.tenantId, id)));
}

/** A page of the caller's contracts, newest first. */
export function readContractPage(deps: RuntimeDeps, ctx: RequestContext, request: ContractPageRequest): Promise<Page<ContractRecord>> {
  return readForCaller(deps, ctx, (reader) => readPage(request, (after, limit) => listContracts(reader, ctx.principal.tenantId, request.filter ?? {}, after, limit)));
}
