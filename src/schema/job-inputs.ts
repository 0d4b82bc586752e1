// GraphQL inputs of jobs: a step result and the jobs list filter.
import { Field, ID, InputType, Int } from 'type-graphql';
import type { StepStatus as StepStatusValue } from '../runtime/engines/job-completion.js';
import { JobStatus, StepStatus } from './enums.js';
import { JSONScalar } from './scalars.js';

/** The result of one step, as an executor reports it. */
@InputType()
export class StepResultInput {
  @Field(() => Int) stepIndex!: number;
  @Field(() => StepStatus) status!: StepStatusValue;
  @Field(() => Date, { nullable: true }) startedAt?: Date | null;
  @Field(() => Date, { nullable: true }) completedAt?: Date | null;
  @Field(() => JSONScalar, { nullable: true }) output?: unknown;
  @Field(() => String, { nullable: true }) error?: string | null;
  @Field(() => JSONScalar, { nullable: true }) healthAfter?: unknown;
}

/** Filters of the jobs list. */
@InputType()
export class JobFilter {
  @Field(() => [JobStatus], { nullable: true }) status?: string[] | null;
  @Field(() => ID, { nullable: true }) contractId?: string | null;
  @Field(() => Date, { nullable: true }) createdAfter?: Date | null;
  @Field(() => Date, { nullable: true }) createdBefore?: Date | null;
}
