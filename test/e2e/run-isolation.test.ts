// Tenant isolation of runs and their configuration over GraphQL: another tenant cannot read or move
// a run, and skills, budgets, memory and governance settings of one tenant never shape another's.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AgentBudgetDocument,
  CreateRunDocument,
  GetRunDocument,
  GetRunNodeDocument,
  GovernanceSettingsDocument,
  ListRunsDocument,
  SkillsDocument,
  TransitionRunDocument,
  UpdateGovernanceSettingsDocument,
  UpdatePlanSettingsDocument,
  UpsertSkillDocument,
} from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent, sampleSkills, type RunCallers } from '../support/runs.js';
import type { TestServer } from '../support/test-server.js';

const GOAL = 'search the web and send a summary report by email';

describe('tenant isolation of runs', () => {
  const tenantA = useRunWorld(['agent-1']);
  let server: TestServer;
  let tenantB: RunCallers;
  let runOfA: Awaited<ReturnType<typeof createRunAs>>;
  beforeAll(async () => {
    server = tenantA.server;
    tenantB = await mintRunCallers(server, 'tenant-b');
    runOfA = await createRunAs(server, tenantA.operator, { agentId: 'agent-1', goal: GOAL, traceId: 'trace-a' });
  });

  it("keeps tenant A's run out of every read of tenant B", async () => {
    expect(dataOf(await server.gql(tenantB.operator, GetRunDocument, { id: runOfA.id })).run).toBeNull();
    expect(dataOf(await server.gql(tenantB.operator, GetRunNodeDocument, { id: runOfA.id })).node).toBeNull();
    for (const agentId of [undefined, 'agent-1']) {
      expect(dataOf(await server.gql(tenantB.operator, ListRunsDocument, { agentId })).runs).toMatchObject({ totalCount: 0, nodes: [] });
      // Other tests of this block may have planned more runs of A.
      expect(dataOf(await server.gql(tenantA.operator, ListRunsDocument, { agentId })).runs.nodes.map((run) => run.id)).toContain(runOfA.id);
    }
    expect(dataOf(await server.gql(tenantA.operator, GetRunNodeDocument, { id: runOfA.id })).node).toMatchObject({ id: runOfA.id, agentId: 'agent-1' });
  });

  it("answers tenant B's transitions of A's run with NOT_FOUND and leaves the run as it was", async () => {
    for (const key of [tenantB.operator, tenantB.admin]) {
      await expectRefusedWithoutWrites(server, 'NOT_FOUND', () => server.gql(key, TransitionRunDocument, { id: runOfA.id, phase: 'AUTHORIZED', status: 'QUEUED' }));
    }
    expect(dataOf(await server.gql(tenantA.operator, GetRunDocument, { id: runOfA.id })).run).toEqual(runOfA);
  });

  it("plans each tenant's runs from its own manifest, budgets and memory", async () => {
    // A tenant of this test's own: its skills, budgets and runs stay out of B's reads in the other tests.
    const tenantE = await mintRunCallers(server, 'tenant-e');
    expect(dataOf(await server.gql(tenantE.operator, SkillsDocument, {})).skills).toEqual([]);
    expect(dataOf(await server.gql(tenantE.operator, AgentBudgetDocument, { agentId: 'agent-1' })).agentBudget).toBeNull();
    const refusal = () => server.gql(tenantE.operator, CreateRunDocument, { input: { agentId: 'agent-1', goal: GOAL } });
    const noSkill = await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', refusal);
    expect(noSkill.extensions?.reasons).toEqual([{ code: 'EMPTY_PLAN', message: expect.stringMatching(/no steps/) }]);

    const searchOfE = { name: 'web-search', description: 'Search of tenant E', keywords: ['search'], estimatedCostCents: 5 };
    dataOf(await server.gql(tenantE.admin, UpsertSkillDocument, { input: searchOfE }));
    dataOf(await server.gql(tenantE.admin, UpdatePlanSettingsDocument, { defaultAgentBudgetCents: 4 }));
    const overDefault = await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', refusal);
    expect(overDefault.extensions).toMatchObject({ reasons: [{ code: 'BUDGET_EXCEEDED', message: expect.stringMatching(/costs 5 cents.*only 4 cents/) }], remainingCents: 4 });
    expect(dataOf(await server.gql(tenantA.operator, GovernanceSettingsDocument, {})).governanceSettings.defaultAgentBudgetCents).toBeNull();

    await prepareAgent(server, tenantE, 'agent-1', 5, [searchOfE]);
    const runOfE = await createRunAs(server, tenantE.operator, { agentId: 'agent-1', goal: GOAL });
    expect(runOfE.plan.steps.map((step) => `${step.skill}:${step.description}:${step.estimatedCostCents}`)).toEqual(['web-search:Search of tenant E:5']);
    expect(runOfE.plan).toMatchObject({ memorySnippetCount: 0, contextSummary: null });

    const laterOfA = await createRunAs(server, tenantA.operator, { agentId: 'agent-1', goal: GOAL });
    expect(laterOfA.plan.steps.map((step) => `${step.skill}:${step.estimatedCostCents}`)).toEqual(['send-email:40', 'summarise:25', 'web-search:10']);
    expect(laterOfA.plan.memorySnippets).toHaveLength(1);
    expect(laterOfA.plan.memorySnippets[0]).toContain(runOfA.id);
    expect(dataOf(await server.gql(tenantA.operator, SkillsDocument, {})).skills.map((skill) => `${skill.name}:${skill.estimatedCostCents}`).sort()).toEqual(
      sampleSkills.map((skill) => `${skill.name}:${skill.estimatedCostCents}`).sort(),
    );
    expect(dataOf(await server.gql(tenantA.operator, AgentBudgetDocument, { agentId: 'agent-1' })).agentBudget?.limitCents).toBe(1000);
    expect(dataOf(await server.gql(tenantE.operator, AgentBudgetDocument, { agentId: 'agent-1' })).agentBudget?.limitCents).toBe(5);
  });

  it("applies one tenant's phase/status enforcement setting to its own runs only", async () => {
    // Tenants of this test's own (D switches enforcement off): A's runs and settings stay as the other tests expect them.
    const tenantC = await mintRunCallers(server, 'tenant-c');
    const tenantD = await mintRunCallers(server, 'tenant-d');
    await prepareAgent(server, tenantC, 'agent-c');
    await prepareAgent(server, tenantD, 'agent-d');
    const runOfC = await createRunAs(server, tenantC.operator, { agentId: 'agent-c', goal: GOAL });
    const runOfD = await createRunAs(server, tenantD.operator, { agentId: 'agent-d', goal: GOAL });

    const settingsOfD = dataOf(await server.gql(tenantD.admin, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false })).updateGovernanceSettings;
    expect(settingsOfD.phaseStatusEnforcement).toBe(false);
    expect(dataOf(await server.gql(tenantC.operator, GovernanceSettingsDocument, {})).governanceSettings.phaseStatusEnforcement).toBe(true);

    const acceptedInD = dataOf(await server.gql(tenantD.operator, TransitionRunDocument, { id: runOfD.id, phase: 'AUTHORIZED', status: 'RUNNING' })).transitionRun;
    expect(acceptedInD).toMatchObject({ phase: 'AUTHORIZED', status: 'RUNNING' });
    expect(acceptedInD.violations.map((violation) => violation.kind)).toEqual(['PHASE_STATUS_INVARIANT']);

    const refusedInC = await expectRefusedWithoutWrites(server, 'INVARIANT_VIOLATION', () =>
      server.gql(tenantC.operator, TransitionRunDocument, { id: runOfC.id, phase: 'AUTHORIZED', status: 'RUNNING' }),
    );
    expect(refusedInC.message).toMatch(/QUEUED/i);
    expect(await countRows(server, 'violations', { tenant_id: 'tenant-c' })).toBe(0);
  });
});
