// GraphQL types of inspection: monitor configurations, inspection checks, and the violations list.
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { InspectionOperation, ViolationKind } from './enums.js';
import { PageInfo } from './relay.js';
import { Violation } from './run-types.js';

/** A policy's negative capabilities and monitoring flags. */
@ObjectType()
export class MonitorConfig {
  @Field(() => ID) id!: string;
  @Field() policyId!: string;
  @Field() allowPromptLogging!: boolean;
  @Field() allowResponseLogging!: boolean;
  @Field() allowPiiCapture!: boolean;
  @Field() allowSecretAccess!: boolean;
  @Field() monitorTokenUsage!: boolean;
  @Field() monitorTokenPerStep!: boolean;
  @Field() monitorCost!: boolean;
  @Field() monitorBurnRate!: boolean;
  @Field(() => Int) burnRateWindowSeconds!: number;
  @Field() monitorRagAccess!: boolean;
  @Field(() => [String]) allowedRagSources!: string[];
  @Field() monitorLatency!: boolean;
  @Field() monitorStepCount!: boolean;
  @Field() updatedAt!: Date;
}

/** Fields to set on a policy's configuration; absent ones keep their value (or restrictive default). */
@InputType()
export class MonitorConfigInput {
  @Field() policyId!: string;
  @Field(() => Boolean, { nullable: true }) allowPromptLogging?: boolean | null;
  @Field(() => Boolean, { nullable: true }) allowResponseLogging?: boolean | null;
  @Field(() => Boolean, { nullable: true }) allowPiiCapture?: boolean | null;
  @Field(() => Boolean, { nullable: true }) allowSecretAccess?: boolean | null;
  @Field(() => Boolean, { nullable: true }) monitorTokenUsage?: boolean | null;
  @Field(() => Boolean, { nullable: true }) monitorTokenPerStep?: boolean | null;
  @Field(() => Boolean, { nullable: true }) monitorCost?: boolean | null;
  @Field(() => Boolean, { nullable: true }) monitorBurnRate?: boolean | null;
  @Field(() => Int, { nullable: true }) burnRateWindowSeconds?: number | null;
  @Field(() => Boolean, { nullable: true }) monitorRagAccess?: boolean | null;
  @Field(() => [String], { nullable: true }) allowedRagSources?: string[] | null;
  @Field(() => Boolean, { nullable: true }) monitorLatency?: boolean | null;
  @Field(() => Boolean, { nullable: true }) monitorStepCount?: boolean | null;
}

/** One denied operation. */
@ObjectType()
export class ConstraintViolation {
  @Field(() => InspectionOperation) operation!: string;
  @Field() constraintField!: string;
  @Field() constraintValue!: boolean;
  @Field() message!: string;
}

/** What a policy allows and denies of the operations asked about. */
@ObjectType()
export class InspectionCheck {
  @Field(() => [InspectionOperation]) allowed!: string[];
  @Field(() => [InspectionOperation]) denied!: string[];
  @Field(() => [ConstraintViolation]) violations!: ConstraintViolation[];
}

/** An edge of the violations connection. */
@ObjectType()
export class ViolationEdge {
  @Field(() => Violation) node!: Violation;
  @Field() cursor!: string;
}

/** A page of violations. */
@ObjectType()
export class ViolationConnection {
  @Field(() => [ViolationEdge]) edges!: ViolationEdge[];
  @Field(() => [Violation]) nodes!: Violation[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

/** Filters of the violations list. */
@InputType()
export class ViolationFilter {
  @Field(() => [ViolationKind], { nullable: true }) kind?: string[] | null;
  @Field(() => ID, { nullable: true }) runId?: string | null;
  @Field(() => String, { nullable: true }) policyId?: string | null;
  @Field(() => Date, { nullable: true }) since?: Date | null;
}
