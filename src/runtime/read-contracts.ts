// Runtime reads: contracts of the caller's tenant — one by id, and Relay pages with stable cursors.
import { findContract, listContracts, type ContractFilter } from './drivers/contract-reads.js';
import { readPage, type PageRequest } from './read-page.js';
import type { ContractRecord, Page } from './records.js';
import type { RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';

/** Arguments of the `contracts` list. */
export interface ContractPageRequest extends PageRequest {
  filter?: ContractFilter | null;
}

/** One contract of the caller's tenant, or null (another tenant's contract is simply not there). */
export function readContract(deps: RuntimeDeps, ctx: RequestContext, id: string): Promise<ContractRecord | null> {
  return findContract(deps.dataSource, ctx.principal.tenantId, id);
}

/** A page of the caller's contracts, newest first. */
export function readContractPage(deps: RuntimeDeps, ctx: RequestContext, request: ContractPageRequest): Promise<Page<ContractRecord>> {
  return readPage(request, (after, limit) => listContracts(deps.dataSource, ctx.principal.tenantId, request.filter ?? {}, after, limit));
}
