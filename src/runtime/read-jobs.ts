// Runtime reads: jobs of the caller's tenant — one by id, Relay pages, and capability health.
import { findAsOf } from './drivers/audit-history.js';
import { loadCapabilityHealth } from './drivers/capability-health.js';
import { findJob, listJobs, type JobFilter } from './drivers/job-reads.js';
import { readPage, type PageRequest } from './read-page.js';
import type { CapabilityHealthRecord, JobRecord, Page } from './records.js';
import type { RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';

/** Arguments of the `jobs` list. */
export interface JobPageRequest extends PageRequest {
  filter?: JobFilter | null;
}

/** One job of the caller's tenant, or null; with `asOf`, as its history kept it then (null before it was created). */
export function readJob(deps: RuntimeDeps, ctx: RequestContext, id: string, asOf: Date | null = null): Promise<JobRecord | null> {
  if (asOf) return findAsOf(deps.dataSource, 'job', ctx.principal.tenantId, id, asOf);
  return findJob(deps.dataSource, ctx.principal.tenantId, id);
}

/** A page of the caller's jobs, newest first. */
export function readJobPage(deps: RuntimeDeps, ctx: RequestContext, request: JobPageRequest): Promise<Page<JobRecord>> {
  return readPage(request, (after, limit) => listJobs(deps.dataSource, ctx.principal.tenantId, request.filter ?? {}, after, limit));
}

/** The latest health of every capability of the caller's tenant. */
export function readCapabilityHealth(deps: RuntimeDeps, ctx: RequestContext): Promise<CapabilityHealthRecord[]> {
  return loadCapabilityHealth(deps.dataSource, ctx.principal.tenantId);
}
