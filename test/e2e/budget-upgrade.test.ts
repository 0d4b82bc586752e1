// Upgrading to plan safety and budgets keeps earlier runs readable and their agents' budgets as they
// were: a database migrated up to the release before, holding a run whose plan steps lack the new
// fields, is migrated; the steps gain no dependencies and one repeat, the run reserves nothing and
// has no coded warnings, and tenant settings get their defaults.
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { useDatabaseBefore } from '../support/upgrade-databases.js';

describe('upgrading to plan safety and budgets', () => {
  const upgrade = useDatabaseBefore('PlanSafetyAndBudgets1764763200000', async (old) => {
    await old.query(`INSERT INTO tenants (id) VALUES ('default')`);
    await old.query(`INSERT INTO governance_settings (tenant_id, phase_status_enforcement, near_threshold_percent, critical_success_percent, updated_by, updated_at) VALUES ('default', true, 85, 50, 'ada', now())`);
    const plan = {
      steps: [
        { index: 0, skill: 'web-search', description: 'Search', estimatedCostCents: 10, parameters: null },
        { index: 1, skill: 'summarise', description: 'Sum', estimatedCostCents: 25, parameters: { depth: 1 } },
      ],
      estimatedCostCents: 35,
      planner: 'builtin',
      memorySnippetCount: 0,
      memorySnippets: [],
      contextSummary: null,
      warnings: [],
    };
    await old.query(
      `INSERT INTO runs (id, tenant_id, version, agent_id, goal, phase, status, plan, timeout_seconds, created_by, created_at, updated_at)
       VALUES ('run_old', 'default', 1, 'agent-old', 'search', 'CREATED', 'QUEUED', $1, 300, 'otto', now(), now())`,
      [plan],
    );
  });
  /** The database as its owner, to inspect rows of every tenant. */
  let owner: DataSource;

  it('gives old plan steps no dependencies and one repeat, reserves nothing for old runs, and defaults the settings', async () => {
    owner = (await upgrade.open()).dataSource;
    const [run] = await owner.query(`SELECT plan, reserved_cents AS "reservedCents", plan_warnings AS "planWarnings" FROM runs WHERE id = 'run_old'`);
    expect(run.plan.steps).toEqual([
      { index: 0, skill: 'web-search', description: 'Search', estimatedCostCents: 10, parameters: null, dependsOn: [], repeat: 1 },
      { index: 1, skill: 'summarise', description: 'Sum', estimatedCostCents: 25, parameters: { depth: 1 }, dependsOn: [], repeat: 1 },
    ]);
    expect(run).toMatchObject({ reservedCents: 0, planWarnings: [] });
    const [settings] = await owner.query(`SELECT max_plan_cost_cents, max_plan_steps, default_agent_budget_cents FROM governance_settings WHERE tenant_id = 'default'`);
    expect(settings).toEqual({ max_plan_cost_cents: 10_000, max_plan_steps: 25, default_agent_budget_cents: null });
  });
});
