// Runtime reads: runs, lessons, the skill manifest, agent budgets (with spend in the window) and
// governance settings of the caller's tenant.
import { budgetView, dayStart, type AgentBudgetView } from './engines/agent-budget.js';
import { findBudgetInputs, findGovernanceSettings, loadSkills } from './drivers/manifest.js';
import { countLessons, listLessons } from './drivers/lessons.js';
import { findAsOf } from './drivers/audit-history.js';
import { findRun, listRuns, listStaleRuns } from './drivers/run-reads.js';
import { checkRunFilter, staleCutoff, type RunFilter } from './engines/run-requests.js';
import { readPage, type PageRequest } from './read-page.js';
import type { GovernanceSettingsRecord, LessonCountRecord, LessonRecord, Page, RunRecord, SkillRecord } from './records.js';
import type { RequestContext } from './request-context.js';
import type { StorageDeps } from './storage-deps.js';
import { readForCaller } from './scoped-transactions.js';

/** Arguments of the `runs` list: the filter, and `agentId` as the older argument gives it. */
export interface RunPageRequest extends PageRequest {
  agentId?: string | null;
  filter?: RunFilter | null;
}

/** Arguments of the stale-run scan. */
export interface StaleRunPageRequest extends PageRequest {
  olderThanMinutes: number;
}

/** One run of the caller's tenant, or null; with `asOf`, as its history kept it then (null before it was created). */
export function readRun(deps: StorageDeps, ctx: RequestContext, id: string, asOf: Date | null = null): Promise<RunRecord | null> {
  return readForCaller(deps, ctx, (reader) => (asOf ? findAsOf(reader, 'run', ctx.principal.tenantId, id, asOf) : findRun(reader, ctx.principal.tenantId, id)));
}

/** A page of the caller's runs that pass the filter (and are of `agentId` when given), newest first. */
export function readRunPage(deps: StorageDeps, ctx: RequestContext, request: RunPageRequest): Promise<Page<RunRecord>> {
  const filter = checkRunFilter({ ...request.filter, agentId: request.filter?.agentId ?? request.agentId });
  return readForCaller(deps, ctx, (reader) => readPage(request, (after, limit) => listRuns(reader, ctx.principal.tenantId, filter, deps.clock.now(), after, limit)));
}

/** A page of the caller's stale runs — not ended, last updated more than `olderThanMinutes` ago — newest first. */
export function readStaleRunPage(deps: StorageDeps, ctx: RequestContext, request: StaleRunPageRequest): Promise<Page<RunRecord>> {
  const cutoff = staleCutoff(deps.clock.now(), request.olderThanMinutes);
  return readForCaller(deps, ctx, (reader) => readPage(request, (after, limit) => listStaleRuns(reader, ctx.principal.tenantId, cutoff, after, limit)));
}

/** The caller's skill manifest. */
export function readSkills(deps: StorageDeps, ctx: RequestContext): Promise<SkillRecord[]> {
  return readForCaller(deps, ctx, (reader) => loadSkills(reader, ctx.principal.tenantId));
}

/** An agent's budget (its own, else the tenant's default) and its use now; null when the agent is unlimited. */
export async function readAgentBudget(deps: StorageDeps, ctx: RequestContext, agentId: string): Promise<AgentBudgetView | null> {
  const now = deps.clock.now();
  const { facts, isTenantDefault } = await readForCaller(deps, ctx, (reader) => findBudgetInputs(reader, ctx.principal.tenantId, agentId, now, dayStart(now)));
  return facts && budgetView(agentId, facts, isTenantDefault);
}

/** The caller's governance settings (defaults until an admin changes them). */
export function readGovernanceSettings(deps: StorageDeps, ctx: RequestContext): Promise<GovernanceSettingsRecord> {
  return readForCaller(deps, ctx, (reader) => findGovernanceSettings(reader, ctx.principal.tenantId));
}

/** Arguments of the `lessons` list. */
export interface LessonPageRequest extends PageRequest {
  status?: string[] | null;
}

/** A page of the caller's lessons, newest first. */
export function readLessonPage(deps: StorageDeps, ctx: RequestContext, request: LessonPageRequest): Promise<Page<LessonRecord>> {
  return readForCaller(deps, ctx, (reader) => readPage(request, (after, limit) => listLessons(reader, ctx.principal.tenantId, request.status ?? null, after, limit)));
}

/** How many lessons of each type and status the caller's tenant has. */
export function readLessonCounts(deps: StorageDeps, ctx: RequestContext): Promise<LessonCountRecord[]> {
  return readForCaller(deps, ctx, (reader) => countLessons(reader, ctx.principal.tenantId));
}
