// Resolver: a tenant's governance configuration — skills, agent budgets and settings (read by
// everyone, changed by admins).
import { Arg, Authorized, Ctx, Float, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AgentBudgetView } from '../runtime/engines/agent-budget.js';
import type { GovernanceSettingsRecord, SkillRecord } from '../runtime/records.js';
import { AgentBudget, GovernanceSettings, Skill, SkillInput } from '../schema/governance-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Skills, budgets and settings. */
@Resolver()
export class GovernanceResolver {
  @Authorized('read')
  @Query(() => [Skill])
  skills(@Ctx() ctx: GraphQLContext): Promise<SkillRecord[]> {
    return ctx.runtime.skills(sessionOf(ctx).request);
  }

  @Authorized('administer')
  @Mutation(() => Skill)
  upsertSkill(@Arg('input', () => SkillInput) input: SkillInput, @Ctx() ctx: GraphQLContext): Promise<SkillRecord> {
    return ctx.runtime.upsertSkill(sessionOf(ctx).request, input);
  }

  @Authorized('read')
  @Query(() => AgentBudget, { nullable: true })
  agentBudget(@Arg('agentId') agentId: string, @Ctx() ctx: GraphQLContext): Promise<AgentBudgetView | null> {
    return ctx.runtime.agentBudget(sessionOf(ctx).request, agentId);
  }

  @Authorized('administer')
  @Mutation(() => AgentBudget)
  setAgentBudget(
    @Arg('agentId') agentId: string,
    @Arg('limitCents', () => Int) limitCents: number,
    @Ctx() ctx: GraphQLContext,
    @Arg('windowHours', () => Int, { nullable: true }) windowHours?: number,
    @Arg('perRunLimitCents', () => Int, { nullable: true, description: 'The most one run may cost' }) perRunLimitCents?: number,
    @Arg('dailyLimitCents', () => Int, { nullable: true, description: 'The most the agent may spend per UTC day' }) dailyLimitCents?: number,
  ): Promise<AgentBudgetView> {
    return ctx.runtime.setAgentBudget(sessionOf(ctx).request, { agentId, limitCents, windowHours, perRunLimitCents, dailyLimitCents });
  }

  @Authorized('read')
  @Query(() => GovernanceSettings)
  governanceSettings(@Ctx() ctx: GraphQLContext): Promise<GovernanceSettingsRecord> {
    return ctx.runtime.governanceSettings(sessionOf(ctx).request);
  }

  @Authorized('administer')
  @Mutation(() => GovernanceSettings)
  updateGovernanceSettings(
    @Ctx() ctx: GraphQLContext,
    @Arg('phaseStatusEnforcement', () => Boolean, { nullable: true }) phaseStatusEnforcement?: boolean,
    @Arg('nearThresholdPercent', () => Float, { nullable: true }) nearThresholdPercent?: number,
    @Arg('criticalSuccessPercent', () => Float, { nullable: true }) criticalSuccessPercent?: number,
    @Arg('maxPlanCostCents', () => Int, { nullable: true }) maxPlanCostCents?: number,
    @Arg('maxPlanSteps', () => Int, { nullable: true }) maxPlanSteps?: number,
    @Arg('defaultAgentBudgetCents', () => Int, { nullable: true, description: 'The budget of agents without their own; null removes it (such agents are unlimited)' })
    defaultAgentBudgetCents?: number | null,
  ): Promise<GovernanceSettingsRecord> {
    return ctx.runtime.updateGovernanceSettings(sessionOf(ctx).request, { phaseStatusEnforcement, nearThresholdPercent, criticalSuccessPercent, maxPlanCostCents, maxPlanSteps, defaultAgentBudgetCents });
  }
}
