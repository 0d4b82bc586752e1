// Runtime commands (admin): the skill manifest, agent budgets and governance settings of a tenant.
import { budgetView, dayStart, DEFAULT_BUDGET_WINDOW_HOURS, type AgentBudgetView } from '../engines/agent-budget.js';
import { validateBudgetRequest, validatePlanSettings, validateSettingsPercents, validateSkillRequest, type BudgetRequest, type SkillRequest } from '../engines/run-requests.js';
import { applyGovernanceSettings, findBudgetInputs, lockAgentBudget, upsertAgentBudget, upsertSkill, type GovernanceSettingsPatch } from '../drivers/manifest.js';
import type { GovernanceSettingsRecord, SkillRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';
import { tenantScope } from '../transaction-scope.js';

/** Declares (or replaces) a skill of the tenant's manifest. */
export function declareSkill(deps: StorageDeps, ctx: RequestContext, request: SkillRequest): Promise<SkillRecord> {
  validateSkillRequest(request);
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'upsertSkill', deps.clock.now(), async (uow) => {
    const skill: SkillRecord = {
      tenantId: ctx.principal.tenantId,
      name: request.name,
      description: request.description,
      keywords: [...new Set(request.keywords.map((keyword) => keyword.toLowerCase()))],
      estimatedCostCents: request.estimatedCostCents,
      sideEffects: request.sideEffects ?? false,
      updatedBy: ctx.principal.name,
      updatedAt: uow.now,
    };
    await upsertSkill(uow, skill);
    return skill;
  });
}

/** Sets (replaces) an agent's budget — a limit per rolling window, optional per-run and per-day caps; returns it with its use now. */
export function setAgentBudget(deps: StorageDeps, ctx: RequestContext, request: BudgetRequest): Promise<AgentBudgetView> {
  const window = validateBudgetRequest(request, DEFAULT_BUDGET_WINDOW_HOURS);
  const tenantId = ctx.principal.tenantId;
  const { agentId, limitCents } = request;
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'setAgentBudget', deps.clock.now(), async (uow) => {
    await lockAgentBudget(uow, tenantId, agentId);
    const budget = { limitCents, windowHours: window, perRunLimitCents: request.perRunLimitCents ?? null, dailyLimitCents: request.dailyLimitCents ?? null };
    await upsertAgentBudget(uow, { tenantId, agentId, ...budget, updatedBy: ctx.principal.name, updatedAt: uow.now });
    const { facts } = await findBudgetInputs(uow, tenantId, agentId, uow.now, dayStart(uow.now));
    return budgetView(agentId, facts ?? { ...budget, windowSpentCents: 0, daySpentCents: 0, reservedCents: 0, syntheticSpentCents: 0 }, false);
  });
}

/** Updates the tenant's governance settings (unspecified ones keep their value). */
export function updateGovernanceSettings(deps: StorageDeps, ctx: RequestContext, patch: GovernanceSettingsPatch): Promise<GovernanceSettingsRecord> {
  validateSettingsPercents({ nearThresholdPercent: patch.nearThresholdPercent, criticalSuccessPercent: patch.criticalSuccessPercent });
  validatePlanSettings(patch);
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), 'updateGovernanceSettings', deps.clock.now(), (uow) => applyGovernanceSettings(uow, ctx.principal.tenantId, patch, ctx.principal.name));
}
