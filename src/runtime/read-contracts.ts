// Runtime reads: contracts of the caller's tenant — one by id, and Relay pages with stable cursors.
import { decodeCursor, encodeCursor, pageSize } from './engines/page-cursor.js';
import { findContract, listContracts, type ContractFilter } from './drivers/contract-reads.js';
import type { ContractRecord, Page } from './records.js';
import type { RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';

/** Arguments of the `contracts` list. */
export interface ContractPageRequest {
  filter?: ContractFilter | null;
  first?: number | null;
  after?: string | null;
}

/** One contract of the caller's tenant, or null (another tenant's contract is simply not there). */
export function readContract(deps: RuntimeDeps, ctx: RequestContext, id: string): Promise<ContractRecord | null> {
  return findContract(deps.dataSource, ctx.principal.tenantId, id);
}

/** A page of the caller's contracts, newest first. */
export async function readContractPage(deps: RuntimeDeps, ctx: RequestContext, request: ContractPageRequest): Promise<Page<ContractRecord>> {
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(request.after) : null;
  const { rows, totalCount } = await listContracts(deps.dataSource, ctx.principal.tenantId, request.filter ?? {}, after, size + 1);
  const items = rows.slice(0, size);
  return {
    items,
    cursors: items.map((row) => encodeCursor({ createdAt: row.createdAt, id: row.id })),
    hasNextPage: rows.length > size,
    hasPreviousPage: after !== null,
    totalCount,
  };
}
