// Resolver: job queries, job transitions and the nested fields of Job — thin adapters, one runtime
// call per mutation; a page reads what its query selects (look-ahead), other nested fields go through
// the request's DataLoaders.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { jobProgress } from '../runtime/engines/job-completion.js';
import type { ContractRecord, JobRecord, StepResultRecord } from '../runtime/records.js';
import { Contract } from '../schema/contract-types.js';
import { JobFilter, StepResultInput } from '../schema/job-inputs.js';
import { Job, JobConnection, JobProgress, StepResult } from '../schema/job-types.js';
import { DateTimeScalar } from '../schema/scalars.js';
import { Transition } from '../schema/transition.js';
import { toConnection } from './connection.js';
import { sessionOf, type GraphQLContext } from './context.js';
import { pageSelection } from './look-ahead.js';

/** Jobs: read, start, record step results, complete, cancel. */
@Resolver(() => Job)
export class JobResolver {
  @Authorized('read')
  @Query(() => Job, { nullable: true })
  job(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext, @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'The instant to read it as of, rebuilt from its audit trail; null before it was created.' }) asOf?: Date | null): Promise<JobRecord | null> {
    return ctx.runtime.job(sessionOf(ctx).request, id, asOf ?? null);
  }

  @Authorized('read')
  @Query(() => JobConnection)
  async jobs(
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => JobFilter, { nullable: true }) filter?: JobFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.runtime.jobs(sessionOf(ctx).request, { filter, first, after, selection: pageSelection(info) }));
  }

  @Authorized('operate')
  @Mutation(() => Job)
  startJob(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<JobRecord> {
    return ctx.runtime.startJob(sessionOf(ctx).request, id);
  }

  @Authorized('operate')
  @Mutation(() => Job)
  recordStepResult(
    @Arg('jobId', () => ID) jobId: string,
    @Arg('input', () => StepResultInput) input: StepResultInput,
    @Ctx() ctx: GraphQLContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string,
  ): Promise<JobRecord> {
    return ctx.runtime.recordStepResult(sessionOf(ctx).request, jobId, { ...input }, idempotencyKey);
  }

  @Authorized('operate')
  @Mutation(() => Job)
  completeJob(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<JobRecord> {
    return ctx.runtime.completeJob(sessionOf(ctx).request, id);
  }

  @Authorized('operate')
  @Mutation(() => Job)
  cancelJob(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<JobRecord> {
    return ctx.runtime.cancelJob(sessionOf(ctx).request, id, reason);
  }

  @FieldResolver(() => Contract)
  contract(@Root() job: JobRecord, @Ctx() ctx: GraphQLContext): ContractRecord | Promise<ContractRecord> {
    // Read along with a page: answered synchronously, so graphql-js completes the job without a promise.
    return job.contract ?? loadContract(job, ctx);
  }

  @FieldResolver(() => [StepResult])
  stepResults(@Root() job: JobRecord, @Ctx() ctx: GraphQLContext): StepResultRecord[] | Promise<StepResultRecord[]> {
    return job.stepResults ?? sessionOf(ctx).loaders.stepResults.load(job.id);
  }

  @FieldResolver(() => JobProgress)
  progress(@Root() job: JobRecord) {
    return jobProgress(job);
  }

  @FieldResolver(() => [Transition])
  transitions(@Root() job: JobRecord, @Ctx() ctx: GraphQLContext) {
    return job.transitions ?? sessionOf(ctx).loaders.transitions.load(job.id);
  }
}

async function loadContract(job: JobRecord, ctx: GraphQLContext): Promise<ContractRecord> {
  const contract = await sessionOf(ctx).loaders.contracts.load(job.contractId);
  if (!contract) throw new Error(`Job ${job.id} has no contract ${job.contractId}`);
  return contract;
}
