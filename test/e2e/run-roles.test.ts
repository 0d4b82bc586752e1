// Roles on runs and their configuration over GraphQL: only admins change skills, budgets and
// governance settings; only operators and admins create and move runs; refusals write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AgentBudgetDocument,
  CreateRunDocument,
  GovernanceSettingsDocument,
  SetAgentBudgetDocument,
  SkillsDocument,
  TransitionRunDocument,
  UpdateGovernanceSettingsDocument,
  UpsertSkillDocument,
} from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, prepareAgent } from '../support/runs.js';

const AGENT = 'agent-roles';
const runInput = { agentId: AGENT, goal: 'search the web' };

describe('roles on runs, skills, budgets and settings', () => {
  const world = useRunWorld([AGENT]);
  let viewer: string;
  let approver: string;
  beforeAll(async () => {
    viewer = await world.server.key('viewer', 'vera');
    approver = await world.server.key('approver', 'april');
  });

  /** Skills, the agent's budget and the settings, as a reader sees them. */
  const configuration = async () => ({
    skills: dataOf(await world.server.gql(viewer, SkillsDocument, {})).skills,
    budget: dataOf(await world.server.gql(viewer, AgentBudgetDocument, { agentId: AGENT })).agentBudget,
    settings: dataOf(await world.server.gql(viewer, GovernanceSettingsDocument, {})).governanceSettings,
  });

  const adminChanges = [
    (key: string) => world.server.gql(key, UpsertSkillDocument, { input: { name: 'web-search', description: 'Costlier search', keywords: ['search'], estimatedCostCents: 99 } }),
    (key: string) => world.server.gql(key, SetAgentBudgetDocument, { agentId: AGENT, limitCents: 1 }),
    (key: string) => world.server.gql(key, UpdateGovernanceSettingsDocument, { phaseStatusEnforcement: false }),
  ];

  it('refuses skill, budget and settings changes to viewers, operators and approvers (FORBIDDEN)', async () => {
    const before = await configuration();
    for (const key of [viewer, world.operator, approver]) {
      for (const change of adminChanges) await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', () => change(key));
    }
    expect(await configuration()).toEqual(before);
  });

  it('lets an admin change skills, budgets and settings', async () => {
    for (const change of adminChanges) expect((await change(world.admin)).errors).toBeUndefined();
    const after = await configuration();
    expect(after.skills.find((skill) => skill.name === 'web-search')?.estimatedCostCents).toBe(99);
    expect(after.budget?.limitCents).toBe(1);
    expect(after.settings.phaseStatusEnforcement).toBe(false);
    await prepareAgent(world.server, world, AGENT);
  });

  it('lets operators and admins create and move runs, and refuses viewers and approvers (FORBIDDEN)', async () => {
    for (const key of [viewer, approver]) {
      await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', () => world.server.gql(key, CreateRunDocument, { input: runInput }));
    }
    const byOperator = await createRunAs(world.server, world.operator, runInput);
    const byAdmin = await createRunAs(world.server, world.admin, runInput);
    for (const key of [viewer, approver]) {
      await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', () => world.server.gql(key, TransitionRunDocument, { id: byOperator.id, phase: 'AUTHORIZED', status: 'QUEUED' }));
    }
    expect(dataOf(await world.server.gql(world.admin, TransitionRunDocument, { id: byOperator.id, phase: 'AUTHORIZED', status: 'QUEUED' })).transitionRun.phase).toBe('AUTHORIZED');
    expect(dataOf(await world.server.gql(world.operator, TransitionRunDocument, { id: byAdmin.id, phase: 'AUTHORIZED', status: 'QUEUED' })).transitionRun.phase).toBe('AUTHORIZED');
  });
});
