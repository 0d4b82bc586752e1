// Driver: a tenant's skill manifest, agent budgets (with what runs spent and hold reserved), the
// per-agent budget lock, and governance settings (defaults until an admin writes them).
import { prepared } from '../../database/prepared-statements.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AgentBudgetEntity, GovernanceSettingsEntity, SkillEntity } from '../../entities/index.js';
import { DEFAULT_BUDGET_WINDOW_HOURS, type BudgetFacts } from '../engines/agent-budget.js';
import { MAX_PLAN_COST_CENTS, MAX_PLAN_STEPS, type PlanLimits } from '../engines/run-plan.js';
import type { AgentBudgetRecord, GovernanceSettingsRecord, SkillRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { Reader } from '../scoped-transactions.js';

/** Settings of a tenant that never wrote any. */
export const DefaultGovernanceSettings = {
  phaseStatusEnforcement: true,
  nearThresholdPercent: 85,
  criticalSuccessPercent: 50,
  maxPlanCostCents: MAX_PLAN_COST_CENTS,
  maxPlanSteps: MAX_PLAN_STEPS,
  defaultAgentBudgetCents: null,
} as const;

/** Inserts or replaces a skill. */
export async function upsertSkill(uow: UnitOfWork, skill: SkillRecord): Promise<void> {
  await uow.manager.createQueryBuilder().insert().into(SkillEntity).values(skill as QueryDeepPartialEntity<SkillEntity>)
    .orUpdate(['description', 'keywords', 'estimated_cost_cents', 'side_effects', 'updated_by', 'updated_at'], ['tenant_id', 'name']).updateEntity(false).execute();
}

/** The tenant's manifest, by name. */
export async function loadSkills(reader: Reader, tenantId: string): Promise<SkillRecord[]> {
  return reader.manager.find(SkillEntity, { where: { tenantId }, order: { name: 'ASC' } });
}

/** Inserts or replaces an agent's budget. */
export async function upsertAgentBudget(uow: UnitOfWork, budget: AgentBudgetRecord): Promise<void> {
  await uow.manager.createQueryBuilder().insert().into(AgentBudgetEntity).values(budget as QueryDeepPartialEntity<AgentBudgetEntity>)
    .orUpdate(['limit_cents', 'window_hours', 'per_run_limit_cents', 'daily_limit_cents', 'updated_by', 'updated_at'], ['tenant_id', 'agent_id']).updateEntity(false).execute();
}

/**
 * Serialises budget decisions of one agent until the caller's commit: a transaction-scoped advisory
 * lock on (tenant, agent) — the two-key form, apart from the server's single-key locks — so two
 * createRun commits never read the same remainder.
 */
export async function lockAgentBudget(uow: UnitOfWork, tenantId: string, agentId: string): Promise<void> {
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [tenantId, agentId]);
}

/** The tenant's plan limits and an agent's budget facts (its own budget, else the tenant's default; null: unlimited). */
export interface BudgetInputs {
  limits: PlanLimits;
  facts: BudgetFacts | null;
  /** Whether the facts come from the tenant's default budget (the agent has none of its own). */
  isTenantDefault: boolean;
}

/**
 * Reads, in one statement, the tenant's plan limits and the agent's budget with what its completed
 * runs spent in the rolling window and since `dayStart`, and what its open runs hold reserved —
 * real runs only; the window's synthetic spend is read apart.
 */
export async function findBudgetInputs(reader: Reader, tenantId: string, agentId: string, now: Date, dayStart: Date): Promise<BudgetInputs> {
  const [row] = await reader.manager.query(
    prepared(`SELECT coalesce(s.max_plan_cost_cents, $5) AS "maxCostCents", coalesce(s.max_plan_steps, $6) AS "maxSteps",
            b.limit_cents AS "ownLimit", s.default_agent_budget_cents AS "defaultLimit", coalesce(b.window_hours, $7) AS "windowHours",
            b.per_run_limit_cents AS "perRunLimitCents", b.daily_limit_cents AS "dailyLimitCents",
            window_spend.real AS "windowSpentCents", window_spend.synthetic AS "syntheticSpentCents",
            (SELECT real_cents::int FROM agent_spend_since($1, $2, $4)) AS "daySpentCents",
            (SELECT coalesce(sum(r.reserved_cents), 0)::int FROM runs r
              WHERE r.tenant_id = $1 AND r.agent_id = $2 AND r.phase NOT IN ('COMPLETED', 'FAILED') AND NOT r.is_synthetic) AS "reservedCents"
     FROM (SELECT 1) AS one
     LEFT JOIN governance_settings s ON s.tenant_id = $1
     LEFT JOIN agent_budgets b ON b.tenant_id = $1 AND b.agent_id = $2
     CROSS JOIN LATERAL (
       SELECT real_cents::int AS real, synthetic_cents::int AS synthetic
       FROM agent_spend_since($1, $2, $3::timestamptz - make_interval(hours => coalesce(b.window_hours, $7)))) AS window_spend`),
    [tenantId, agentId, now, dayStart, DefaultGovernanceSettings.maxPlanCostCents, DefaultGovernanceSettings.maxPlanSteps, DEFAULT_BUDGET_WINDOW_HOURS],
  );
  const limits = { maxCostCents: row.maxCostCents, maxSteps: row.maxSteps };
  const limitCents: number | null = row.ownLimit ?? row.defaultLimit;
  if (limitCents === null) return { limits, facts: null, isTenantDefault: false };
  const { windowHours, perRunLimitCents, dailyLimitCents, windowSpentCents, daySpentCents, reservedCents, syntheticSpentCents } = row;
  return {
    limits,
    facts: { limitCents, windowHours, perRunLimitCents, dailyLimitCents, windowSpentCents, daySpentCents, reservedCents, syntheticSpentCents },
    isTenantDefault: row.ownLimit === null,
  };
}

/** The tenant's settings, or the defaults. */
export async function findGovernanceSettings(reader: Reader, tenantId: string): Promise<GovernanceSettingsRecord> {
  const stored = await reader.manager.findOneBy(GovernanceSettingsEntity, { tenantId });
  return stored ?? { tenantId, ...DefaultGovernanceSettings, updatedBy: null, updatedAt: null };
}

/** A settings patch: absent (undefined) fields keep their value; `defaultAgentBudgetCents: null` removes the default budget. */
export interface GovernanceSettingsPatch {
  phaseStatusEnforcement?: boolean | null;
  nearThresholdPercent?: number | null;
  criticalSuccessPercent?: number | null;
  maxPlanCostCents?: number | null;
  maxPlanSteps?: number | null;
  defaultAgentBudgetCents?: number | null;
}

/** Applies a settings patch atomically (absent fields keep their value, or the default); returns the result. */
export async function applyGovernanceSettings(uow: UnitOfWork, tenantId: string, patch: GovernanceSettingsPatch, actor: string): Promise<GovernanceSettingsRecord> {
  const defaults = DefaultGovernanceSettings;
  const [row] = await uow.manager.query(
    `INSERT INTO governance_settings AS s (tenant_id, phase_status_enforcement, near_threshold_percent, critical_success_percent,
       max_plan_cost_cents, max_plan_steps, default_agent_budget_cents, updated_by, updated_at)
     VALUES ($1, coalesce($2::boolean, $10::boolean), coalesce($3::double precision, $11::double precision), coalesce($4::double precision, $12::double precision),
       coalesce($5::integer, $13::integer), coalesce($6::integer, $14::integer), $7::integer, $8, $9)
     ON CONFLICT (tenant_id) DO UPDATE SET
       phase_status_enforcement = coalesce($2, s.phase_status_enforcement),
       near_threshold_percent = coalesce($3, s.near_threshold_percent),
       critical_success_percent = coalesce($4, s.critical_success_percent),
       max_plan_cost_cents = coalesce($5, s.max_plan_cost_cents),
       max_plan_steps = coalesce($6, s.max_plan_steps),
       default_agent_budget_cents = CASE WHEN $15::boolean THEN $7 ELSE s.default_agent_budget_cents END,
       updated_by = $8, updated_at = $9
     RETURNING tenant_id AS "tenantId", phase_status_enforcement AS "phaseStatusEnforcement", near_threshold_percent AS "nearThresholdPercent",
       critical_success_percent AS "criticalSuccessPercent", max_plan_cost_cents AS "maxPlanCostCents", max_plan_steps AS "maxPlanSteps",
       default_agent_budget_cents AS "defaultAgentBudgetCents", updated_by AS "updatedBy", updated_at AS "updatedAt"`,
    [
      tenantId,
      patch.phaseStatusEnforcement ?? null,
      patch.nearThresholdPercent ?? null,
      patch.criticalSuccessPercent ?? null,
      patch.maxPlanCostCents ?? null,
      patch.maxPlanSteps ?? null,
      patch.defaultAgentBudgetCents ?? null,
      actor,
      uow.now,
      defaults.phaseStatusEnforcement,
      defaults.nearThresholdPercent,
      defaults.criticalSuccessPercent,
      defaults.maxPlanCostCents,
      defaults.maxPlanSteps,
      patch.defaultAgentBudgetCents !== undefined,
    ],
  );
  return row;
}
