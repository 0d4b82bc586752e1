// GraphQL output types of jobs: steps, step results, progress, the Job, its connection, the
// activation result, and capability health.
import { Field, Int, ObjectType } from 'type-graphql';
import { Contract } from './contract-types.js';
import { CapabilityHealthStatus, JobStatus, StepStatus } from './enums.js';
import { Node, PageInfo } from './relay.js';
import { JSONScalar } from './scalars.js';
import { Transition } from './transition.js';

/** One planned step of a job. */
@ObjectType()
export class JobStep {
  @Field(() => Int) stepIndex!: number;
  @Field() stepType!: string;
  @Field() target!: string;
  @Field(() => JSONScalar) parameters!: unknown;
  @Field(() => Int) timeoutSeconds!: number;
}

/** The evidence reported for one step. */
@ObjectType()
export class StepResult {
  @Field(() => Int) stepIndex!: number;
  @Field(() => StepStatus) status!: keyof typeof StepStatus;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => JSONScalar, { nullable: true }) output!: unknown;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => JSONScalar, { nullable: true }) healthAfter!: unknown;
}

/** How far a job has got. */
@ObjectType()
export class JobProgress {
  @Field(() => Int) currentStep!: number;
  @Field(() => Int) totalSteps!: number;
  @Field(() => Int) completedSteps!: number;
  @Field(() => Int) failedSteps!: number;
}

/** The execution record of an active contract (DOMAIN.md §2). */
@ObjectType({ implements: Node })
export class Job extends Node {
  @Field(() => Int) version!: number;
  @Field(() => Contract) contract!: Contract;
  @Field(() => JobStatus) status!: keyof typeof JobStatus;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field(() => [JobStep]) steps!: JobStep[];
  @Field(() => Int) currentStepIndex!: number;
  @Field(() => Int) totalSteps!: number;
  @Field(() => [StepResult]) stepResults!: StepResult[];
  @Field(() => JobProgress) progress!: JobProgress;
  @Field(() => JSONScalar, { nullable: true }) healthBefore!: unknown;
  @Field(() => JSONScalar, { nullable: true }) healthAfter!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'set when the job reaches a terminal state' }) auditEvidence!: unknown;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Date, { nullable: true }) timeoutAt!: Date | null;
  @Field() createdBy!: string;
  @Field(() => [Transition]) transitions!: Transition[];
}

/** An active contract and its new job. */
@ObjectType()
export class ActivationResult {
  @Field(() => Contract) contract!: Contract;
  @Field(() => Job) job!: Job;
}

/** An edge of the jobs connection. */
@ObjectType()
export class JobEdge {
  @Field(() => Job) node!: Job;
  @Field() cursor!: string;
}

/** A page of jobs. */
@ObjectType()
export class JobConnection {
  @Field(() => [JobEdge]) edges!: JobEdge[];
  @Field(() => [Job]) nodes!: Job[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

/** The latest reported health of one capability. */
@ObjectType()
export class CapabilityHealth {
  @Field() capability!: string;
  @Field(() => CapabilityHealthStatus) status!: keyof typeof CapabilityHealthStatus;
  @Field(() => JSONScalar, { nullable: true }) details!: unknown;
  @Field() reportedBy!: string;
  @Field() reportedAt!: Date;
}
