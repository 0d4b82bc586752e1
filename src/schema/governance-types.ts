// GraphQL types of a tenant's governance configuration: skills, agent budgets, settings, and the
// inputs that change them and create and complete runs.
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import type { ReconciliationStatus as ReconciliationStatusValue, ReportedAckStatus as ReportedAckStatusValue } from '../runtime/engines/run-audit.js';
import type { RunPhase as RunPhaseValue, RunStatus as RunStatusValue } from '../runtime/engines/run-states.js';
import { ReconciliationStatus, ReportedAckStatus, RunPhase, RunStatus } from './enums.js';

/** A skill of the manifest. */
@ObjectType()
export class Skill {
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => [String]) keywords!: string[];
  @Field(() => Int) estimatedCostCents!: number;
  @Field() sideEffects!: boolean;
}

/** A skill as an admin declares it. */
@InputType()
export class SkillInput {
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => [String]) keywords!: string[];
  @Field(() => Int) estimatedCostCents!: number;
  @Field(() => Boolean, { nullable: true }) sideEffects?: boolean | null;
}

/** An agent's budget and its use in the current window. */
@ObjectType()
export class AgentBudget {
  @Field() agentId!: string;
  @Field(() => Int) limitCents!: number;
  @Field(() => Int) windowHours!: number;
  @Field(() => Int, { description: 'Actual costs of the runs completed in the window' }) spentCents!: number;
  @Field(() => Int, { description: "Estimated costs reserved by the agent's open runs" }) reservedCents!: number;
  @Field(() => Int, { description: "Actual costs of the agent's synthetic runs completed in the window: reported apart, never counted in spentCents" }) syntheticSpentCents!: number;
  @Field(() => Int, { description: 'What the window leaves: limit − spent − reserved' }) remainingCents!: number;
  @Field(() => Int, { nullable: true, description: 'The most one run may cost (null: no per-run cap)' }) perRunLimitCents!: number | null;
  @Field(() => Int, { nullable: true, description: 'The most the agent may spend per UTC day (null: no daily cap)' }) dailyLimitCents!: number | null;
  @Field(() => Int, { nullable: true }) dailyRemainingCents!: number | null;
  @Field({ description: "The tenant's default budget applies: the agent has none of its own" }) isTenantDefault!: boolean;
}

/** A tenant's governance settings. */
@ObjectType()
export class GovernanceSettings {
  @Field() phaseStatusEnforcement!: boolean;
  @Field(() => Float) nearThresholdPercent!: number;
  @Field(() => Float) criticalSuccessPercent!: number;
  @Field(() => Int, { description: 'The most one plan may cost (COST_EXCEEDS_LIMIT above it)' }) maxPlanCostCents!: number;
  @Field(() => Int, { description: 'The most steps one plan may have (TOO_MANY_STEPS above it)' }) maxPlanSteps!: number;
  @Field(() => Int, { nullable: true, description: 'The budget of agents without their own (null: such agents are unlimited)' }) defaultAgentBudgetCents!: number | null;
}

/** A request to run an agent toward a goal. */
@InputType()
export class CreateRunInput {
  @Field() agentId!: string;
  @Field() goal!: string;
  @Field(() => String, { nullable: true }) traceId?: string | null;
  @Field(() => String, { nullable: true }) policyId?: string | null;
  @Field(() => Int, { nullable: true }) timeoutSeconds?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
  @Field(() => Boolean, { nullable: true, description: "A synthetic run rehearses a scenario: held to the plan limits, never to the agent's budget; its costs are reported apart (default false)" })
  isSynthetic?: boolean | null;
  @Field(() => String, { nullable: true, description: 'The scenario a synthetic run rehearses (only with isSynthetic: true)' }) syntheticScenarioId?: string | null;
}

/** What the runs list keeps: every given criterion must hold; a list matches any of its values. */
@InputType()
export class RunFilter {
  @Field(() => String, { nullable: true, description: "One agent's runs (wins over the runs query's agentId argument)" }) agentId?: string | null;
  @Field(() => [RunPhase], { nullable: true }) phase?: RunPhaseValue[] | null;
  @Field(() => [RunStatus], { nullable: true }) status?: RunStatusValue[] | null;
  @Field(() => [ReconciliationStatus], { nullable: true, description: "The runs' reconciliation now (STALE: finalize_run overdue)" })
  reconciliationStatus?: ReconciliationStatusValue[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: synthetic runs only; false: real runs only' }) isSynthetic?: boolean | null;
}

/** A domain's acknowledgement of a run's action, as an operator or automation reports it. */
@InputType()
export class DomainAckInput {
  @Field() domain!: string;
  @Field() action!: string;
  @Field(() => ReportedAckStatus) status!: ReportedAckStatusValue;
  @Field(() => String, { nullable: true }) resultId?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for a FAILED ack, refused for a SUCCESS ack' }) error?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

/** What a client reports when a run ends. */
@InputType()
export class CompleteRunInput {
  @Field(() => RunStatus) status!: RunStatusValue;
  @Field(() => String, { nullable: true }) errorCode?: string | null;
  @Field(() => String, { nullable: true }) errorMessage?: string | null;
  @Field(() => Int, { nullable: true }) costCents?: number | null;
  @Field(() => Int, { nullable: true }) policiesChecked?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

/** How an operator resolved an incident. */
@InputType()
export class ResolveIncidentInput {
  @Field({ description: 'What was done, 1..4000 characters' }) resolution!: string;
}
