// Runtime reads: monitor configurations, inspection checks (no write), and violations of the
// caller's tenant.
import { checkInspection, type InspectionResult } from './engines/inspection.js';
import { findMonitorConfig } from './drivers/monitor-configs.js';
import { findViolation, listViolations, type ViolationFilter } from './drivers/violations.js';
import { readPage, type PageRequest } from './read-page.js';
import type { MonitorConfigRecord, Page, ViolationRecord } from './records.js';
import type { RequestContext } from './request-context.js';
import type { StorageDeps } from './storage-deps.js';
import { readForCaller } from './scoped-transactions.js';

/** Arguments of the `violations` list. */
export interface ViolationPageRequest extends PageRequest {
  filter?: ViolationFilter | null;
}

/** A policy's monitor configuration, or null (the policy then denies everything). */
export function readMonitorConfig(deps: StorageDeps, ctx: RequestContext, policyId: string): Promise<MonitorConfigRecord | null> {
  return readForCaller(deps, ctx, (reader) => findMonitorConfig(reader, ctx.principal.tenantId, policyId));
}

/** What the policy allows and denies of the operations; writes nothing. */
export async function readInspectionCheck(deps: StorageDeps, ctx: RequestContext, policyId: string, operations: readonly string[]): Promise<InspectionResult> {
  return checkInspection(policyId, await readMonitorConfig(deps, ctx, policyId), operations);
}

/** One violation of the caller's tenant, or null. */
export function readViolation(deps: StorageDeps, ctx: RequestContext, id: string): Promise<ViolationRecord | null> {
  return readForCaller(deps, ctx, (reader) => findViolation(reader, ctx.principal.tenantId, id));
}

/** A page of the caller's violations (both kinds), newest first. */
export function readViolationPage(deps: StorageDeps, ctx: RequestContext, request: ViolationPageRequest): Promise<Page<ViolationRecord>> {
  return readForCaller(deps, ctx, (reader) => readPage(request, (after, limit) => listViolations(reader, ctx.principal.tenantId, request.filter ?? {}, after, limit)));
}
