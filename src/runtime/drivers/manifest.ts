// Driver: a tenant's skill manifest, agent budgets (with what runs spent in a window) and
// governance settings (defaults until an admin writes them).
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AgentBudgetEntity, GovernanceSettingsEntity, SkillEntity } from '../../entities/index.js';
import type { AgentBudgetRecord, GovernanceSettingsRecord, SkillRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

type Reader = Pick<UnitOfWork, 'manager'>;

/** Settings of a tenant that never wrote any. */
export const DefaultGovernanceSettings = { phaseStatusEnforcement: true, nearThresholdPercent: 85, criticalSuccessPercent: 50 } as const;

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
    .orUpdate(['limit_cents', 'window_hours', 'updated_by', 'updated_at'], ['tenant_id', 'agent_id']).updateEntity(false).execute();
}

/** An agent's budget, or null when none is set. */
export async function findAgentBudget(reader: Reader, tenantId: string, agentId: string): Promise<AgentBudgetRecord | null> {
  return reader.manager.findOneBy(AgentBudgetEntity, { tenantId, agentId });
}

/** Cents spent by the agent's runs completed at or after `since`. */
export async function spentSince(reader: Reader, tenantId: string, agentId: string, since: Date): Promise<number> {
  const [row] = await reader.manager.query(
    `SELECT coalesce(sum(cost_cents), 0)::int AS spent FROM runs WHERE tenant_id = $1 AND agent_id = $2 AND completed_at >= $3`,
    [tenantId, agentId, since],
  );
  return row.spent;
}

/** The tenant's settings, or the defaults. */
export async function findGovernanceSettings(reader: Reader, tenantId: string): Promise<GovernanceSettingsRecord> {
  const stored = await reader.manager.findOneBy(GovernanceSettingsEntity, { tenantId });
  return stored ?? { tenantId, ...DefaultGovernanceSettings, updatedBy: null, updatedAt: null };
}

/** Applies a settings patch atomically (absent fields keep their value, or the default); returns the result. */
export async function applyGovernanceSettings(
  uow: UnitOfWork,
  tenantId: string,
  patch: { phaseStatusEnforcement?: boolean | null; nearThresholdPercent?: number | null; criticalSuccessPercent?: number | null },
  actor: string,
): Promise<GovernanceSettingsRecord> {
  const [row] = await uow.manager.query(
    `INSERT INTO governance_settings AS s (tenant_id, phase_status_enforcement, near_threshold_percent, critical_success_percent, updated_by, updated_at)
     VALUES ($1, coalesce($2::boolean, $6::boolean), coalesce($3::double precision, $7::double precision), coalesce($4::double precision, $8::double precision), $5, $9)
     ON CONFLICT (tenant_id) DO UPDATE SET
       phase_status_enforcement = coalesce($2, s.phase_status_enforcement),
       near_threshold_percent = coalesce($3, s.near_threshold_percent),
       critical_success_percent = coalesce($4, s.critical_success_percent),
       updated_by = $5, updated_at = $9
     RETURNING tenant_id AS "tenantId", phase_status_enforcement AS "phaseStatusEnforcement", near_threshold_percent AS "nearThresholdPercent",
       critical_success_percent AS "criticalSuccessPercent", updated_by AS "updatedBy", updated_at AS "updatedAt"`,
    [
      tenantId,
      patch.phaseStatusEnforcement ?? null,
      patch.nearThresholdPercent ?? null,
      patch.criticalSuccessPercent ?? null,
      actor,
      DefaultGovernanceSettings.phaseStatusEnforcement,
      DefaultGovernanceSettings.nearThresholdPercent,
      DefaultGovernanceSettings.criticalSuccessPercent,
      uow.now,
    ],
  );
  return row;
}

/** An agent's budget use now and the tenant's lesson thresholds, as one read. */
export interface LessonInputs {
  nearThresholdPercent: number;
  criticalSuccessPercent: number;
  budget: { limitCents: number; windowHours: number; spentCents: number } | null;
}

/** Reads the tenant's thresholds (or defaults) and the agent's budget with its window's spend, in one statement. */
export async function findLessonInputs(reader: Reader, tenantId: string, agentId: string, now: Date): Promise<LessonInputs> {
  const [row] = await reader.manager.query(
    `SELECT coalesce(s.near_threshold_percent, $4) AS near, coalesce(s.critical_success_percent, $5) AS critical,
            b.limit_cents AS "limitCents", b.window_hours AS "windowHours",
            (SELECT coalesce(sum(r.cost_cents), 0)::int FROM runs r
              WHERE r.tenant_id = $1 AND r.agent_id = $2 AND r.completed_at >= $3::timestamptz - make_interval(hours => b.window_hours)) AS spent
     FROM (SELECT 1) AS one
     LEFT JOIN governance_settings s ON s.tenant_id = $1
     LEFT JOIN agent_budgets b ON b.tenant_id = $1 AND b.agent_id = $2`,
    [tenantId, agentId, now, DefaultGovernanceSettings.nearThresholdPercent, DefaultGovernanceSettings.criticalSuccessPercent],
  );
  return {
    nearThresholdPercent: Number(row.near),
    criticalSuccessPercent: Number(row.critical),
    budget: row.limitCents === null ? null : { limitCents: row.limitCents, windowHours: row.windowHours, spentCents: row.spent },
  };
}
