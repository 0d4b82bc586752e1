// Runtime reads: jobs of the caller's tenant — one by id, Relay pages (as records, or as the
// response's JSON text built by PostgreSQL), and capability health.
import { findAsOf } from './drivers/audit-history.js';
import { loadCapabilityHealth } from './drivers/capability-health.js';
import { jobPageJsonQuery, pageMetadataOf, readJson } from './drivers/job-page-json.js';
import { findJob, listJobs, type JobFilter } from './drivers/job-reads.js';
import { decodeCursor, pageSize } from './engines/page-cursor.js';
import type { PageSelection, ResponseShape } from './field-selection.js';
import { readPage, type PageRequest } from './read-page.js';
import type { CapabilityHealthRecord, JobRecord, Page } from './records.js';
import type { RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';
import { readForCaller } from './scoped-transactions.js';

/** Arguments of the `jobs` list. */
export interface JobPageRequest extends PageRequest {
  filter?: JobFilter | null;
  /** The fields the caller returns (look-ahead): only they are read, nested lists in the page's statement. */
  selection?: PageSelection;
}

/** One job of the caller's tenant, or null; with `asOf`, as its history kept it then (null before it was created). */
export function readJob(deps: RuntimeDeps, ctx: RequestContext, id: string, asOf: Date | null = null): Promise<JobRecord | null> {
  return readForCaller(deps, ctx, (reader) => (asOf ? findAsOf(reader, 'job', ctx.principal.tenantId, id, asOf) : findJob(reader, ctx.principal.tenantId, id)));
}

/** A page of the caller's jobs, newest first. */
export function readJobPage(deps: RuntimeDeps, ctx: RequestContext, request: JobPageRequest): Promise<Page<JobRecord>> {
  return readForCaller(deps, ctx, (reader) => readPage(request, (after, limit) => listJobs(reader, ctx.principal.tenantId, request.filter ?? {}, after, limit, request.selection?.nodes ?? null)));
}

/** The latest health of every capability of the caller's tenant. */
export function readCapabilityHealth(deps: RuntimeDeps, ctx: RequestContext): Promise<CapabilityHealthRecord[]> {
  return readForCaller(deps, ctx, (reader) => loadCapabilityHealth(reader, ctx.principal.tenantId));
}

/** A page of the caller's jobs as the JSON text of `shape` (PostgreSQL builds it); null when the shape asks for something not compiled. */
export function readJobPageJson(deps: RuntimeDeps, ctx: RequestContext, request: PageRequest & { filter?: JobFilter | null }, shape: ResponseShape): Promise<string | null> {
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(request.after) : null;
  const query = jobPageJsonQuery(pageMetadataOf(deps.dataSource), ctx.principal.tenantId, request.filter ?? {}, after, size, shape);
  return query ? readForCaller(deps, ctx, (reader) => readJson(reader, query)) : Promise.resolve(null);
}
