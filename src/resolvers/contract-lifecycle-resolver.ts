// Resolver: the contract's life after approval — activation (with its job), the audit verdict, and
// the Contract.job field.
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Activation } from '../runtime/commands/activate-contract.js';
import type { ContractRecord, JobRecord } from '../runtime/records.js';
import { Contract } from '../schema/contract-types.js';
import { AuditVerdict } from '../schema/enums.js';
import { ActivationResult, Job } from '../schema/job-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Activation, audit verdicts, and a contract's job. */
@Resolver(() => Contract)
export class ContractLifecycleResolver {
  @Authorized('operate')
  @Mutation(() => ActivationResult)
  activateContract(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('timeoutMinutes', () => Int, { nullable: true }) timeoutMinutes?: number,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string,
  ): Promise<Activation> {
    return ctx.runtime.activateContract(sessionOf(ctx).request, id, { timeoutMinutes, idempotencyKey });
  }

  @Authorized('approve')
  @Mutation(() => Contract)
  recordAuditVerdict(
    @Arg('contractId', () => ID) contractId: string,
    @Arg('verdict', () => AuditVerdict) verdict: keyof typeof AuditVerdict,
    @Arg('reason') reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ContractRecord> {
    return ctx.runtime.recordAuditVerdict(sessionOf(ctx).request, contractId, verdict, reason);
  }

  @FieldResolver(() => Job, { nullable: true })
  job(@Root() contract: ContractRecord, @Ctx() ctx: GraphQLContext): Promise<JobRecord | null> | null {
    return contract.jobId ? sessionOf(ctx).loaders.jobs.load(contract.jobId) : null;
  }
}
