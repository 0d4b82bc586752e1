// GraphQL inputs of contracts: the proposal, its verdicts, approval options and the list filter.
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ChangeType, ContractSource, ContractStatus, EligibilityDecision, RiskLevel } from './enums.js';
import { JSONScalar } from './scalars.js';

/** One proposed change as submitted; its shape is checked per kind by the runtime. */
@InputType()
export class ProposedChangeInput {
  @Field(() => ChangeType) type!: (typeof ChangeType)[keyof typeof ChangeType];
  @Field(() => String, { nullable: true }) capabilityName?: string | null;
  @Field(() => String, { nullable: true }) targetLifecycle?: string | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => String, { nullable: true }) scope?: string | null;
  @Field(() => String, { nullable: true }) key?: string | null;
  @Field(() => JSONScalar, { nullable: true }) oldValue?: unknown;
  @Field(() => JSONScalar, { nullable: true }) newValue?: unknown;
  @Field(() => JSONScalar, { nullable: true }) parameters?: unknown;
}

/** The validator's verdict on the originating issue. */
@InputType()
export class ValidatorVerdictInput {
  @Field() issueType!: string;
  @Field() severity!: string;
  @Field() recommendedAction!: string;
  @Field(() => Float) confidenceScore!: number;
  @Field() reason!: string;
  @Field() validatorVersion!: string;
}

/** The eligibility verdict; MAY_NOT can never become a contract. */
@InputType()
export class EligibilityVerdictInput {
  @Field(() => EligibilityDecision) decision!: 'MAY' | 'MAY_NOT';
  @Field() reason!: string;
  @Field(() => [String], { nullable: true }) blockingSignals?: string[] | null;
  @Field(() => [String], { nullable: true }) missingPrerequisites?: string[] | null;
  @Field() rulesVersion!: string;
}

/** A proposal to create a contract from. */
@InputType()
export class CreateContractInput {
  @Field(() => ID) issueId!: string;
  @Field(() => ContractSource) source!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ProposedChangeInput]) proposedChanges!: ProposedChangeInput[];
  @Field(() => [String]) affectedCapabilities!: string[];
  @Field(() => RiskLevel) riskLevel!: string;
  @Field(() => ValidatorVerdictInput) validatorVerdict!: ValidatorVerdictInput;
  @Field(() => EligibilityVerdictInput) eligibilityVerdict!: EligibilityVerdictInput;
  @Field(() => Int, { nullable: true, description: 'default 72' }) expiresInHours?: number | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

/** Options of an approval. */
@InputType()
export class ApproveContractInput {
  @Field(() => Int, { nullable: true, description: 'default 24, 1..168' }) activationWindowHours?: number | null;
  @Field(() => JSONScalar, { nullable: true }) executionConstraints?: unknown;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

/** Filters of the contracts list. */
@InputType()
export class ContractFilter {
  @Field(() => [ContractStatus], { nullable: true }) status?: string[] | null;
  @Field(() => [RiskLevel], { nullable: true }) riskLevel?: string[] | null;
  @Field(() => [ContractSource], { nullable: true }) source?: string[] | null;
  @Field(() => String, { nullable: true }) capability?: string | null;
  @Field(() => Date, { nullable: true }) createdAfter?: Date | null;
  @Field(() => Date, { nullable: true }) createdBefore?: Date | null;
}
