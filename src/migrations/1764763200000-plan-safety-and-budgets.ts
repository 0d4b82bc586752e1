// Migration: plan safety and budgets — the tenant's plan limits and default agent budget, per-run
// and per-day caps on agent budgets, and on runs the reserved estimate and the plan's coded warnings
// (with an index of each agent's open runs, whose reservations count against its budget); the
// steps of earlier plans get the new step fields (no dependencies, one repeat).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plan limits, budget caps and reservations. Forward-only: `down` is not supported. */
export class PlanSafetyAndBudgets1764763200000 implements MigrationInterface {
  name = 'PlanSafetyAndBudgets1764763200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE governance_settings
        ADD COLUMN max_plan_cost_cents integer NOT NULL DEFAULT 10000 CHECK (max_plan_cost_cents >= 0),
        ADD COLUMN max_plan_steps integer NOT NULL DEFAULT 25 CHECK (max_plan_steps >= 1),
        ADD COLUMN default_agent_budget_cents integer CHECK (default_agent_budget_cents >= 0);
      ALTER TABLE agent_budgets
        ADD COLUMN per_run_limit_cents integer CHECK (per_run_limit_cents >= 0),
        ADD COLUMN daily_limit_cents integer CHECK (daily_limit_cents >= 0);
      ALTER TABLE runs
        ADD COLUMN reserved_cents integer NOT NULL DEFAULT 0 CHECK (reserved_cents >= 0),
        ADD COLUMN plan_warnings jsonb NOT NULL DEFAULT '[]';
      UPDATE runs SET plan = jsonb_set(plan, '{steps}', (
        SELECT coalesce(jsonb_agg(jsonb_build_object('dependsOn', '[]'::jsonb, 'repeat', 1) || step ORDER BY position), '[]'::jsonb)
        FROM jsonb_array_elements(plan->'steps') WITH ORDINALITY AS steps(step, position)));
      CREATE INDEX runs_open_by_agent ON runs (tenant_id, agent_id) WHERE phase NOT IN ('COMPLETED', 'FAILED');
    `);
  }

  async down(): Promise<void> {
    throw new Error('PlanSafetyAndBudgets1764763200000 is forward-only');
  }
}
