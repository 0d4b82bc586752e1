// Runtime commands (admin): the skill manifest, agent budgets and governance settings of a tenant.
import { budgetWindowStart, DEFAULT_BUDGET_WINDOW_HOURS, remainingBudget, type AgentBudgetView } from '../engines/agent-budget.js';
import { validateBudgetRequest, validateSettingsPercents, validateSkillRequest, type SkillRequest } from '../engines/run-requests.js';
import { applyGovernanceSettings, spentSince, upsertAgentBudget, upsertSkill } from '../drivers/manifest.js';
import type { GovernanceSettingsRecord, SkillRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';

/** Declares (or replaces) a skill of the tenant's manifest. */
export function declareSkill(deps: StorageDeps, ctx: RequestContext, request: SkillRequest): Promise<SkillRecord> {
  validateSkillRequest(request);
  return withUnitOfWork(deps, 'upsertSkill', deps.clock.now(), async (uow) => {
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

/** Sets an agent's budget (limit per rolling window); returns it with its use now. */
export function setAgentBudget(deps: StorageDeps, ctx: RequestContext, agentId: string, limitCents: number, windowHours?: number | null): Promise<AgentBudgetView> {
  const window = validateBudgetRequest(agentId, limitCents, windowHours, DEFAULT_BUDGET_WINDOW_HOURS);
  const tenantId = ctx.principal.tenantId;
  return withUnitOfWork(deps, 'setAgentBudget', deps.clock.now(), async (uow) => {
    await upsertAgentBudget(uow, { tenantId, agentId, limitCents, windowHours: window, updatedBy: ctx.principal.name, updatedAt: uow.now });
    const spentCents = await spentSince(uow, tenantId, agentId, budgetWindowStart(window, uow.now));
    return { agentId, limitCents, windowHours: window, spentCents, remainingCents: remainingBudget({ limitCents, windowHours: window, spentCents }) };
  });
}

/** Changes some governance settings; unspecified ones keep their value. */
export type SettingsPatch = Partial<Pick<GovernanceSettingsRecord, 'phaseStatusEnforcement' | 'nearThresholdPercent' | 'criticalSuccessPercent'>>;

/** Updates the tenant's governance settings. */
export function updateGovernanceSettings(deps: StorageDeps, ctx: RequestContext, patch: SettingsPatch): Promise<GovernanceSettingsRecord> {
  validateSettingsPercents({ nearThresholdPercent: patch.nearThresholdPercent, criticalSuccessPercent: patch.criticalSuccessPercent });
  return withUnitOfWork(deps, 'updateGovernanceSettings', deps.clock.now(), (uow) => applyGovernanceSettings(uow, ctx.principal.tenantId, patch, ctx.principal.name));
}
