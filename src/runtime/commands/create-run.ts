// Runtime command: createRun — memory context and the planner's proposal are gathered first (no
// transaction is held while a planner answers), then in one commit, holding the agent's budget lock:
// the plan validated against the manifest, the tenant's plan limits, its safety rules and the
// agent's budget (reservations of its open runs included), the run (CREATED/QUEUED) reserving the
// plan's estimated cost (a synthetic run is held to the plan limits only, and reserves nothing), its four audit expectations, its first transition and its event. A
// refused plan writes nothing.
import { randomUUID } from 'node:crypto';
import { budgetStanding, dayStart, Unlimited } from '../engines/agent-budget.js';
import { buildMemoryContext, MEMORY_TOP_K } from '../engines/memory-context.js';
import { fingerprintRequest } from '../engines/request-fingerprint.js';
import { declareExpectations } from '../engines/run-audit.js';
import { validatePlan, type ProposedStep } from '../engines/run-plan.js';
import { validateRunRequest, type RunRequest } from '../engines/run-requests.js';
import { IdempotencyMismatchError } from '../errors.js';
import { findIdempotencyRecord } from '../drivers/idempotency.js';
import { findBudgetInputs, loadSkills, lockAgentBudget } from '../drivers/manifest.js';
import { appendEvents } from '../drivers/outbox.js';
import { insertExpectations } from '../drivers/run-audit.js';
import { findMemoryHits, findRun } from '../drivers/run-reads.js';
import { insertRun } from '../drivers/runs.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { RunRecord, SkillRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { readForCaller } from '../scoped-transactions.js';
import { tenantScope } from '../transaction-scope.js';
import { runIdempotent } from './idempotent.js';
import { runEvent } from './run-events.js';

/** Input of createRun. */
export interface CreateRunInput extends RunRequest {
  idempotencyKey?: string | null;
}

/** Plans and creates a run, or refuses it with every reason and nothing written. */
export async function createRun(deps: RuntimeDeps, ctx: RequestContext, input: CreateRunInput): Promise<RunRecord> {
  const { idempotencyKey, ...request } = input;
  const timeoutSeconds = validateRunRequest(request);
  const tenantId = ctx.principal.tenantId;
  const scope = idempotencyKey ? { tenantId, operation: 'createRun', key: idempotencyKey } : null;
  const earlier = await readForCaller(deps, ctx, async (reader) => {
    const answered = scope && (await findIdempotencyRecord(reader, scope));
    if (answered) {
      if (answered.requestHash !== fingerprintRequest(request) || !answered.resultId) throw new IdempotencyMismatchError(scope.key);
      const first = await findRun(reader, tenantId, answered.resultId);
      if (first) return { first };
    }
    const [skills, hits] = await Promise.all([loadSkills(reader, tenantId), findMemoryHits(reader, tenantId, request.agentId, request.goal, MEMORY_TOP_K)]);
    return { skills, hits };
  });
  if (earlier.first) return earlier.first;
  const { skills, hits } = earlier;
  const memory = buildMemoryContext(hits);
  const proposed = await deps.planner.propose({ agentId: request.agentId, goal: request.goal, skills, memory });
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'createRun', deps.clock.now(), (uow) =>
    runIdempotent(uow, {
      tenantId,
      operation: 'createRun',
      key: idempotencyKey,
      input: request,
      execute: async () => {
        const run = await insertPlannedRun(uow, ctx, request, timeoutSeconds, proposed, skills, memory, deps.planner.name);
        return { result: run, resultId: run.id };
      },
      replay: (runId) => findRun(uow, tenantId, runId),
    }),
  );
}

async function insertPlannedRun(
  uow: UnitOfWork,
  ctx: RequestContext,
  request: RunRequest,
  timeoutSeconds: number,
  proposed: ProposedStep[],
  skills: SkillRecord[],
  memory: { snippets: string[]; summary: string | null },
  planner: string,
): Promise<RunRecord> {
  const { tenantId, name: actor } = ctx.principal;
  await lockAgentBudget(uow, tenantId, request.agentId);
  const { limits, facts } = await findBudgetInputs(uow, tenantId, request.agentId, uow.now, dayStart(uow.now));
  const isSynthetic = request.isSynthetic ?? false;
  // A synthetic run rehearses: the plan limits hold, the agent's budget is neither checked nor held.
  const budget = isSynthetic ? Unlimited : budgetStanding(facts);
  const { plan, warnings } = validatePlan(proposed, { skills, limits, budget, planner, memory });
  const run = await insertRun(uow, {
    id: `run_${randomUUID()}`,
    tenantId,
    version: 1,
    agentId: request.agentId,
    goal: request.goal,
    phase: 'CREATED',
    status: 'QUEUED',
    plan,
    traceId: request.traceId ?? null,
    policyId: request.policyId ?? null,
    timeoutSeconds,
    costCents: null,
    reservedCents: isSynthetic ? 0 : plan.estimatedCostCents,
    planWarnings: warnings,
    outcome: null,
    isSynthetic,
    syntheticScenarioId: request.syntheticScenarioId ?? null,
    createdBy: actor,
    createdAt: uow.now,
    updatedAt: uow.now,
    completedAt: null,
  });
  await insertExpectations(
    uow,
    declareExpectations(uow.now, timeoutSeconds).map((expectation) => ({ id: `exp_${randomUUID()}`, tenantId, runId: run.id, status: 'PENDING', ackedAt: null, ...expectation })),
  );
  await appendTransitions(uow, { tenantId, type: 'run', id: run.id }, run, actor, [{ from: 'NONE', to: 'CREATED/QUEUED', reason: `planned by the ${planner} planner` }]);
  appendEvents(uow, [runEvent(run, 'run.created', actor)]);
  return run;
}
