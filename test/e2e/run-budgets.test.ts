// Agent budgets end to end: an agent without a budget is unlimited unless the tenant sets a default
// budget; per-run and per-day caps beside the rolling window; a plan's estimate reserved at
// createRun (in its commit), replaced by the actual cost at completion and released when the run
// fails or is cancelled; 20 concurrent createRun against a budget that fits 5 accept exactly 5;
// each refusal coded, saying what remains.
import { describe, expect, it } from 'vitest';
import {
  AgentBudgetDocument,
  ClearDefaultAgentBudgetDocument,
  CompleteRunDocument,
  CreateRunDocument,
  SetAgentBudgetDocument,
  TransitionRunDocument,
  UpdatePlanSettingsDocument,
  type CreateRunInput,
} from '../generated/graphql.js';
import { winnersOf } from '../support/races.js';
import { dataOf } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { useRunWorld, type RunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';

/** web-search (10 ¢). */
const SEARCH = 'search the web';
/** send-email, summarise, web-search: 75 ¢. */
const EVERY_SKILL_GOAL = 'search the web and send a summary report by email';
const DAY_MS = 24 * 3_600_000;

/** The refusal of createRun, with nothing written: its reasons and what remains. */
async function refusalOf(world: RunWorld, input: CreateRunInput, key = world.operator) {
  const error = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () => world.server.gql(key, CreateRunDocument, { input }));
  return error.extensions as { reasons: { code: string; message: string }[]; remainingCents?: number | null };
}

async function budgetOf(world: RunWorld, agentId: string, key = world.operator) {
  return dataOf(await world.server.gql(key, AgentBudgetDocument, { agentId })).agentBudget;
}

describe('default budget', () => {
  const world = useRunWorld(['agent-own']);

  it("applies the tenant's default to agents without a budget of their own, and removing it makes them unlimited again", async () => {
    expect(await budgetOf(world, 'agent-new')).toBeNull();
    await createRunAs(world.server, world.operator, { agentId: 'agent-new', goal: EVERY_SKILL_GOAL });

    const settings = dataOf(await world.server.gql(world.admin, UpdatePlanSettingsDocument, { defaultAgentBudgetCents: 100 })).updateGovernanceSettings;
    expect(settings).toMatchObject({ defaultAgentBudgetCents: 100, maxPlanSteps: 25, maxPlanCostCents: 10_000 });
    expect(await budgetOf(world, 'agent-fresh')).toMatchObject({ limitCents: 100, windowHours: 24, reservedCents: 0, remainingCents: 100, isTenantDefault: true });
    await createRunAs(world.server, world.operator, { agentId: 'agent-fresh', goal: EVERY_SKILL_GOAL });
    expect(await refusalOf(world, { agentId: 'agent-fresh', goal: EVERY_SKILL_GOAL })).toEqual({
      code: 'BAD_USER_INPUT',
      reasons: [{ code: 'BUDGET_EXCEEDED', message: "the plan costs 75 cents but only 25 cents of the agent's budget remain" }],
      remainingCents: 25,
      requestId: expect.any(String),
    });
    // The agent that ran before the default existed now holds 75 ¢ of it too.
    expect(await refusalOf(world, { agentId: 'agent-new', goal: EVERY_SKILL_GOAL })).toMatchObject({ remainingCents: 25 });

    // An agent's own budget wins over the default.
    expect(await budgetOf(world, 'agent-own')).toMatchObject({ limitCents: 1000, isTenantDefault: false });
    await createRunAs(world.server, world.operator, { agentId: 'agent-own', goal: EVERY_SKILL_GOAL });

    // Leaving the argument out keeps the default; null removes it.
    expect(dataOf(await world.server.gql(world.admin, UpdatePlanSettingsDocument, { maxPlanSteps: 24 })).updateGovernanceSettings.defaultAgentBudgetCents).toBe(100);
    expect(dataOf(await world.server.gql(world.admin, ClearDefaultAgentBudgetDocument, {})).updateGovernanceSettings.defaultAgentBudgetCents).toBeNull();
    expect(await budgetOf(world, 'agent-fresh')).toBeNull();
    await createRunAs(world.server, world.operator, { agentId: 'agent-fresh', goal: EVERY_SKILL_GOAL });
  });

  it('refuses invalid plan settings with every reason, writing nothing', async () => {
    const error = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () =>
      world.server.gql(world.admin, UpdatePlanSettingsDocument, { maxPlanSteps: 0, maxPlanCostCents: -1, defaultAgentBudgetCents: -1 }),
    );
    expect(error.extensions?.reasons).toEqual(['maxPlanCostCents must be a non-negative integer', 'defaultAgentBudgetCents must be a non-negative integer', 'maxPlanSteps must be an integer in 1..1000']);
  });

  it('lets only admins change plan settings', async () => {
    await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', () => world.server.gql(world.operator, UpdatePlanSettingsDocument, { defaultAgentBudgetCents: 1 }));
  });
});

describe('per-run and per-day caps', () => {
  const world = useRunWorld();

  it('refuses a plan above the per-run cap (RUN_BUDGET_EXCEEDED) while the window has room', async () => {
    await prepareAgent(world.server, world, 'agent-per-run', 1000);
    const budget = dataOf(await world.server.gql(world.admin, SetAgentBudgetDocument, { agentId: 'agent-per-run', limitCents: 1000, perRunLimitCents: 50 })).setAgentBudget;
    expect(budget).toMatchObject({ limitCents: 1000, perRunLimitCents: 50, dailyLimitCents: null, dailyRemainingCents: null });
    expect(await refusalOf(world, { agentId: 'agent-per-run', goal: EVERY_SKILL_GOAL })).toEqual({
      code: 'BAD_USER_INPUT',
      reasons: [{ code: 'RUN_BUDGET_EXCEEDED', message: 'the plan costs 75 cents but one run of the agent may cost at most 50 cents' }],
      remainingCents: 1000,
      requestId: expect.any(String),
    });
    expect((await createRunAs(world.server, world.operator, { agentId: 'agent-per-run', goal: SEARCH })).reservedCents).toBe(10);
  });

  it('refuses a plan above what remains of the day (DAILY_BUDGET_EXCEEDED) and allows it the next UTC day', async () => {
    await prepareAgent(world.server, world, 'agent-daily', 10_000);
    dataOf(await world.server.gql(world.admin, SetAgentBudgetDocument, { agentId: 'agent-daily', limitCents: 10_000, windowHours: 168, dailyLimitCents: 100 }));
    const first = await createRunAs(world.server, world.operator, { agentId: 'agent-daily', goal: EVERY_SKILL_GOAL });
    dataOf(await world.server.gql(world.operator, CompleteRunDocument, { id: first.id, input: { status: 'SUCCEEDED', costCents: 60 } }));
    expect(await budgetOf(world, 'agent-daily')).toMatchObject({ spentCents: 60, reservedCents: 0, remainingCents: 9940, dailyLimitCents: 100, dailyRemainingCents: 40 });
    expect(await refusalOf(world, { agentId: 'agent-daily', goal: EVERY_SKILL_GOAL })).toEqual({
      code: 'BAD_USER_INPUT',
      reasons: [{ code: 'DAILY_BUDGET_EXCEEDED', message: "the plan costs 75 cents but only 40 cents of the agent's daily budget remain" }],
      remainingCents: 40,
      requestId: expect.any(String),
    });
    world.server.clock.advance(DAY_MS);
    expect(await budgetOf(world, 'agent-daily')).toMatchObject({ spentCents: 60, dailyRemainingCents: 100 });
    expect((await createRunAs(world.server, world.operator, { agentId: 'agent-daily', goal: EVERY_SKILL_GOAL })).reservedCents).toBe(75);
  });
});

describe('reservations', () => {
  const world = useRunWorld();

  it("reserves the estimate in the run's commit, replaces it by the actual cost at completion and releases it when the run is cancelled or fails", async () => {
    await prepareAgent(world.server, world, 'agent-reserve', 100);
    const run = await createRunAs(world.server, world.operator, { agentId: 'agent-reserve', goal: EVERY_SKILL_GOAL });
    expect(run.reservedCents).toBe(75);
    expect(await selectRows(world.server, 'runs', { id: run.id })).toMatchObject([{ reserved_cents: 75, cost_cents: null }]);
    expect(await budgetOf(world, 'agent-reserve')).toMatchObject({ spentCents: 0, reservedCents: 75, remainingCents: 25 });
    expect(await refusalOf(world, { agentId: 'agent-reserve', goal: EVERY_SKILL_GOAL })).toMatchObject({ reasons: [{ code: 'BUDGET_EXCEEDED' }], remainingCents: 25 });

    // Completion: the actual cost (10 ¢) replaces the 75 ¢ estimate.
    dataOf(await world.server.gql(world.operator, CompleteRunDocument, { id: run.id, input: { status: 'SUCCEEDED', costCents: 10 } }));
    expect(await budgetOf(world, 'agent-reserve')).toMatchObject({ spentCents: 10, reservedCents: 0, remainingCents: 90 });

    // Cancelled before it ran: the reservation is released, nothing spent.
    const cancelled = await createRunAs(world.server, world.operator, { agentId: 'agent-reserve', goal: EVERY_SKILL_GOAL });
    expect(await budgetOf(world, 'agent-reserve')).toMatchObject({ reservedCents: 75, remainingCents: 15 });
    dataOf(await world.server.gql(world.operator, TransitionRunDocument, { id: cancelled.id, phase: 'FAILED', status: 'CANCELLED' }));
    expect(await budgetOf(world, 'agent-reserve')).toMatchObject({ spentCents: 10, reservedCents: 0, remainingCents: 90 });

    // Failed at completion without a cost: released too.
    const failed = await createRunAs(world.server, world.operator, { agentId: 'agent-reserve', goal: EVERY_SKILL_GOAL });
    dataOf(await world.server.gql(world.operator, CompleteRunDocument, { id: failed.id, input: { status: 'FAILED', errorCode: 'E_TOOL' } }));
    expect(await budgetOf(world, 'agent-reserve')).toMatchObject({ spentCents: 10, reservedCents: 0, remainingCents: 90 });
  });

  it('accepts exactly 5 of 20 concurrent createRun against a budget that fits 5, the others refused with what remains', async () => {
    await prepareAgent(world.server, world, 'agent-race', 50);
    const responses = await Promise.all(Array.from({ length: 20 }, () => world.server.gql(world.operator, CreateRunDocument, { input: { agentId: 'agent-race', goal: SEARCH } })));
    const { losers } = winnersOf(responses, 5, ['BAD_USER_INPUT']);
    for (const loser of losers) expect(loser.extensions).toMatchObject({ reasons: [{ code: 'BUDGET_EXCEEDED' }], remainingCents: 0 });
    // The same agent name in another tenant (the isolation test below) has runs of its own.
    expect(await countRows(world.server, 'runs', { agent_id: 'agent-race', tenant_id: 'default' })).toBe(5);
    expect(await budgetOf(world, 'agent-race')).toMatchObject({ reservedCents: 50, remainingCents: 0 });
  });

  it('keeps tenants apart: the same agent name in another tenant has its own budget', async () => {
    const other = await mintRunCallers(world.server, 'tenant-other-budget');
    await prepareAgent(world.server, other, 'agent-race', 50);
    expect(await budgetOf(world, 'agent-race', other.operator)).toMatchObject({ reservedCents: 0, remainingCents: 50 });
    await createRunAs(world.server, other.operator, { agentId: 'agent-race', goal: SEARCH });
  });
});
