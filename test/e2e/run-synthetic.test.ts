// Synthetic runs end to end: createRun takes isSynthetic and syntheticScenarioId; a synthetic run is
// held to the plan limits but never to the agent's budget, reserves nothing, and its cost is
// reported apart (AgentBudget.syntheticSpentCents), never in what the agent spent, nor as a lesson
// of a budget near its limit; a scenario without the flag is refused with nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentBudgetDocument, CompleteRunDocument, CreateRunDocument, UpdatePlanSettingsDocument } from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { selectRows } from '../support/rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { useRunWorld, type RunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';

/** send-email, summarise, web-search: 75 ¢. */
const EVERY_SKILL_GOAL = 'search the web and send a summary report by email';

async function budgetOf(world: RunWorld, agentId: string) {
  return dataOf(await world.server.gql(world.operator, AgentBudgetDocument, { agentId })).agentBudget;
}

async function complete(world: RunWorld, id: string, costCents: number) {
  return dataOf(await world.server.gql(world.operator, CompleteRunDocument, { id, input: { status: 'SUCCEEDED', costCents } })).completeRun;
}

describe('synthetic runs', () => {
  const world = useRunWorld();
  beforeAll(() => prepareAgent(world.server, world, 'agent-synthetic', 100));

  it('never draw on the budget: no check, no reservation, their cost reported apart', async () => {
    const synthetic = { agentId: 'agent-synthetic', goal: EVERY_SKILL_GOAL, isSynthetic: true, syntheticScenarioId: 'scenario-outage' };
    const first = await createRunAs(world.server, world.operator, synthetic);
    expect(first).toMatchObject({ isSynthetic: true, syntheticScenarioId: 'scenario-outage', reservedCents: 0, plan: { estimatedCostCents: 75 } });
    expect(await selectRows(world.server, 'runs', { id: first.id })).toMatchObject([{ is_synthetic: true, synthetic_scenario_id: 'scenario-outage', reserved_cents: 0 }]);
    // 150 ¢ of synthetic plans against a 100 ¢ budget: both accepted, nothing held.
    const second = await createRunAs(world.server, world.operator, synthetic);
    expect(await budgetOf(world, 'agent-synthetic')).toMatchObject({ spentCents: 0, reservedCents: 0, syntheticSpentCents: 0, remainingCents: 100 });

    // 95 ¢ of a 100 ¢ budget would be near its limit for a real run; a synthetic one teaches no such lesson.
    const completed = await complete(world, first.id, 95);
    expect(completed.run.lessons.map((lesson) => lesson.type)).not.toContain('NEAR_THRESHOLD');
    expect(await budgetOf(world, 'agent-synthetic')).toMatchObject({ spentCents: 0, reservedCents: 0, syntheticSpentCents: 95, remainingCents: 100 });

    // A real run beside them reserves and spends as always.
    const real = await createRunAs(world.server, world.operator, { agentId: 'agent-synthetic', goal: EVERY_SKILL_GOAL });
    expect(real).toMatchObject({ isSynthetic: false, syntheticScenarioId: null, reservedCents: 75 });
    expect(await budgetOf(world, 'agent-synthetic')).toMatchObject({ spentCents: 0, reservedCents: 75, syntheticSpentCents: 95, remainingCents: 25 });
    await complete(world, real.id, 60);
    await complete(world, second.id, 5);
    expect(await budgetOf(world, 'agent-synthetic')).toMatchObject({ spentCents: 60, reservedCents: 0, syntheticSpentCents: 100, remainingCents: 40 });
  });

  it("are still held to the tenant's plan limits", async () => {
    // A tenant of its own: its lower limit never reaches the other tests' runs.
    const limited = await mintRunCallers(world.server, 'tenant-plan-limit');
    await prepareAgent(world.server, limited, 'agent-synthetic', 100);
    dataOf(await world.server.gql(limited.admin, UpdatePlanSettingsDocument, { maxPlanCostCents: 50 }));
    const error = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () =>
      world.server.gql(limited.operator, CreateRunDocument, { input: { agentId: 'agent-synthetic', goal: EVERY_SKILL_GOAL, isSynthetic: true } }),
    );
    expect(error.extensions?.reasons).toMatchObject([{ code: 'COST_EXCEEDS_LIMIT' }]);
  });

  it('refuses a scenario without the synthetic flag, and a blank one, writing nothing', async () => {
    const error = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () =>
      world.server.gql(world.operator, CreateRunDocument, { input: { agentId: 'agent-synthetic', goal: EVERY_SKILL_GOAL, syntheticScenarioId: 'scenario-outage' } }),
    );
    expect(error.extensions?.reasons).toEqual(['syntheticScenarioId is only for a synthetic run (isSynthetic: true)']);
    const blank = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () =>
      world.server.gql(world.operator, CreateRunDocument, { input: { agentId: 'agent-synthetic', goal: EVERY_SKILL_GOAL, isSynthetic: true, syntheticScenarioId: ' ' } }),
    );
    expect(blank.extensions?.reasons).toEqual(['syntheticScenarioId must be 1..200 characters and not blank']);
  });
});
