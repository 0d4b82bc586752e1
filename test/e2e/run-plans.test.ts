// Plan generation at createRun through GraphQL with the built-in planner: the same input gives the
// same plan; too many steps, over budget and no budget refuse the run with every reason and write
// nothing; memory comes from the agent's own runs, most relevant first; idempotency keys; warnings.
import { describe, expect, it } from 'vitest';
import { CreateRunDocument, GetRunDocument, SetAgentBudgetDocument, type CreateRunInput, type SkillInput } from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { expectRunRefusedWithoutWrites } from '../support/run-rows.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent, sampleSkills } from '../support/runs.js';

/** Matches the search, summarise and send-email skills: 75 cents. */
const EVERY_SKILL_GOAL = 'search the web and send a summary report by email';

/** `count` skills all matching the word "inventory", 1 cent each. */
function inventorySkills(count: number): SkillInput[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `check-${String(index + 1).padStart(2, '0')}`,
    description: `Inventory check ${index + 1}`,
    keywords: ['inventory'],
    estimatedCostCents: 1,
  }));
}

/** The parts of a plan that come from the planner and the manifest (memory aside). */
function plannedPart(plan: { steps: unknown; estimatedCostCents: number; planner: string; warnings: string[] }) {
  return { steps: plan.steps, estimatedCostCents: plan.estimatedCostCents, planner: plan.planner, warnings: plan.warnings };
}

describe('plans from the built-in planner', () => {
  const world = useRunWorld(['agent-det']);
  const createRun = (input: CreateRunInput) => createRunAs(world.server, world.operator, input);
  /** Sends createRun as `operator`, expects BAD_USER_INPUT with nothing written; returns the reasons. */
  const refuseRun = async (input: CreateRunInput, operator = world.operator) => {
    const error = await expectRunRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () => world.server.gql(operator, CreateRunDocument, { input }));
    return error.extensions?.reasons as string[];
  };

  it('plans the same goal the same way, whatever order the manifest was declared in', async () => {
    const first = await createRun({ agentId: 'agent-det', goal: EVERY_SKILL_GOAL });
    const second = await createRun({ agentId: 'agent-det', goal: EVERY_SKILL_GOAL });
    expect(second.id).not.toBe(first.id);
    expect(plannedPart(second.plan)).toEqual(plannedPart(first.plan));
    expect(first.plan.steps).toEqual([
      { index: 0, skill: 'send-email', description: 'Send an email', estimatedCostCents: 40, parameters: { goal: EVERY_SKILL_GOAL, matchedKeywords: ['email', 'send'] } },
      { index: 1, skill: 'summarise', description: 'Summarise documents', estimatedCostCents: 25, parameters: { goal: EVERY_SKILL_GOAL, matchedKeywords: ['report', 'summary'] } },
      { index: 2, skill: 'web-search', description: 'Search the web', estimatedCostCents: 10, parameters: { goal: EVERY_SKILL_GOAL, matchedKeywords: ['search', 'web'] } },
    ]);

    const reversedTenant = await mintRunCallers(world.server, 'tenant-reversed');
    await prepareAgent(world.server, reversedTenant, 'agent-det', 1000, [...sampleSkills].reverse());
    const elsewhere = await createRunAs(world.server, reversedTenant.operator, { agentId: 'agent-det', goal: EVERY_SKILL_GOAL });
    expect(plannedPart(elsewhere.plan)).toEqual(plannedPart(first.plan));
  });

  it('accepts 20 steps and refuses a 21st, naming the limit', async () => {
    const tenant = await mintRunCallers(world.server, 'tenant-steps');
    await prepareAgent(world.server, tenant, 'agent-steps', 1000, inventorySkills(20));
    const twenty = await createRunAs(world.server, tenant.operator, { agentId: 'agent-steps', goal: 'run the inventory' });
    expect(twenty.plan.steps).toHaveLength(20);
    expect(twenty.plan.estimatedCostCents).toBe(20);

    await prepareAgent(world.server, tenant, 'agent-steps', 1000, inventorySkills(21));
    expect(await refuseRun({ agentId: 'agent-steps', goal: 'run the inventory' }, tenant.operator)).toEqual([expect.stringMatching(/21 steps.*at most 20/)]);
  });

  it('lists every reason at once: too many steps and over budget', async () => {
    const tenant = await mintRunCallers(world.server, 'tenant-steps');
    await prepareAgent(world.server, tenant, 'agent-poor', 10, inventorySkills(21));
    expect(await refuseRun({ agentId: 'agent-poor', goal: 'run the inventory' }, tenant.operator)).toEqual([expect.stringMatching(/21 steps.*at most 20/), expect.stringMatching(/costs 21 cents.*only 10 cents/)]);
  });

  it('refuses a plan costing more than the remaining budget, naming both amounts', async () => {
    await prepareAgent(world.server, world, 'agent-frugal', 50);
    expect(await refuseRun({ agentId: 'agent-frugal', goal: EVERY_SKILL_GOAL })).toEqual([expect.stringMatching(/costs 75 cents.*only 50 cents/)]);
  });

  it('refuses a plan that costs anything for an agent without a budget', async () => {
    expect(await refuseRun({ agentId: 'agent-unbudgeted', goal: EVERY_SKILL_GOAL })).toEqual([expect.stringMatching(/costs 75 cents.*no budget/)]);
  });

  it('refuses a goal no skill matches', async () => {
    expect(await refuseRun({ agentId: 'agent-det', goal: 'paint the fence' })).toEqual([expect.stringMatching(/no steps/)]);
  });

  it('does not burn an idempotency key on a refused run', async () => {
    await prepareAgent(world.server, world, 'agent-retry', 50);
    const input = { agentId: 'agent-retry', goal: EVERY_SKILL_GOAL, idempotencyKey: 'retry-after-budget' };
    await refuseRun(input);
    dataOf(await world.server.gql(world.admin, SetAgentBudgetDocument, { agentId: 'agent-retry', limitCents: 100 }));
    expect((await createRun(input)).plan.estimatedCostCents).toBe(75);
  });

  it('keeps the warnings on the run: a side-effecting step and a cost above 80 % of the remaining budget', async () => {
    await prepareAgent(world.server, world, 'agent-tight', 90);
    const run = await createRun({ agentId: 'agent-tight', goal: EVERY_SKILL_GOAL });
    expect(run.plan.warnings).toEqual(['the plan uses 83% of the remaining budget', 'step 0 (send-email) has side effects']);
    expect(dataOf(await world.server.gql(world.operator, GetRunDocument, { id: run.id })).run?.plan.warnings).toEqual(run.plan.warnings);

    const calm = await createRun({ agentId: 'agent-tight', goal: 'search the web' });
    expect(calm.plan).toMatchObject({ estimatedCostCents: 10, warnings: [] });
  });
});

describe('memory context', () => {
  const world = useRunWorld(['agent-mem', 'agent-other', 'agent-busy']);
  const createRun = (agentId: string, goal: string) => createRunAs(world.server, world.operator, { agentId, goal });

  it('draws only on the same agent, the most relevant earlier run first, with a summary', async () => {
    const newGoal = 'search the web for quarterly revenue figures and summarise them';
    const firstRun = await createRun('agent-mem', newGoal);
    expect(firstRun.plan).toMatchObject({ memorySnippetCount: 0, memorySnippets: [], contextSummary: null });

    const otherAgents = [await createRun('agent-other', newGoal), await createRun('agent-other', 'search the web for quarterly revenue figures')];
    const closeMatch = await createRun('agent-mem', 'search the web for quarterly revenue figures');
    const looseMatch = await createRun('agent-mem', 'search the web for the weather');
    const unrelated = await createRun('agent-mem', 'send an email to the team');

    const run = await createRun('agent-mem', newGoal);
    const { memorySnippets, memorySnippetCount, contextSummary } = run.plan;
    expect(memorySnippetCount).toBe(3);
    expect(memorySnippets).toHaveLength(3);
    expect(memorySnippets[0]).toContain(firstRun.id);
    expect(memorySnippets[1]).toContain(closeMatch.id);
    expect(memorySnippets[2]).toContain(looseMatch.id);
    const remembered = memorySnippets.join('\n');
    for (const foreign of [...otherAgents, unrelated]) expect(remembered).not.toContain(foreign.id);
    expect(contextSummary).toContain('3 related earlier runs');
    expect(contextSummary).toContain(newGoal);
  });

  it('keeps at most five snippets', async () => {
    for (let index = 1; index <= 7; index += 1) await createRun('agent-busy', `search the web for supplier ${index}`);
    const run = await createRun('agent-busy', 'search the web for a new supplier');
    expect(run.plan.memorySnippetCount).toBe(5);
    expect(run.plan.memorySnippets).toHaveLength(5);
  });
});

describe('idempotency keys on createRun', () => {
  const world = useRunWorld(['agent-idem', 'agent-idem-race']);

  it('answers a repeat with the same run, stored once', async () => {
    const input = { agentId: 'agent-idem', goal: 'search the web', idempotencyKey: 'once' };
    const first = await createRunAs(world.server, world.operator, input);
    const again = await createRunAs(world.server, world.operator, input);
    expect(again).toEqual(first);
    expect(await countRows(world.server, 'runs', { agent_id: 'agent-idem' })).toBe(1);
  });

  it('creates one run for ten concurrent requests with the same key', async () => {
    const input = { agentId: 'agent-idem-race', goal: 'search the web', idempotencyKey: 'race' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => world.server.gql(world.operator, CreateRunDocument, { input })));
    const runIds = new Set(responses.map((response) => dataOf(response).createRun.id));
    expect(runIds.size).toBe(1);
    const [runId] = runIds;
    expect(await countRows(world.server, 'runs', { agent_id: 'agent-idem-race' })).toBe(1);
    expect(await countRows(world.server, 'idempotency_records', { idempotency_key: 'race' })).toBe(1);
    expect(await countRows(world.server, 'audit_expectations', { run_id: runId })).toBe(4);
    expect(await countRows(world.server, 'transitions', { subject_id: runId })).toBe(1);
    expect(await countRows(world.server, 'outbox_events', { subject_id: runId })).toBe(1);
  });

  it('refuses the same key with a different input (IDEMPOTENCY_MISMATCH), writing nothing', async () => {
    await createRunAs(world.server, world.operator, { agentId: 'agent-idem', goal: 'search the web', idempotencyKey: 'mismatch' });
    await expectRunRefusedWithoutWrites(world.server, 'IDEMPOTENCY_MISMATCH', () =>
      world.server.gql(world.operator, CreateRunDocument, { input: { agentId: 'agent-idem', goal: 'send an email', idempotencyKey: 'mismatch' } }),
    );
  });
});
