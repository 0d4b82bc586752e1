// Resolver: contract queries and mutations — each a thin adapter making one runtime call.
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ContractRecord } from '../runtime/records.js';
import { Contract, ContractConnection } from '../schema/contract-types.js';
import { ApproveContractInput, ContractFilter, CreateContractInput } from '../schema/contract-inputs.js';
import { DateTimeScalar } from '../schema/scalars.js';
import { Transition } from '../schema/transition.js';
import { toConnection } from './connection.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Contracts: read, create, approve, reject. */
@Resolver(() => Contract)
export class ContractResolver {
  @Authorized('read')
  @Query(() => Contract, { nullable: true })
  contract(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext, @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'The instant to read it as of, rebuilt from its audit trail; null before it was created.' }) asOf?: Date | null): Promise<ContractRecord | null> {
    return ctx.runtime.contract(sessionOf(ctx).request, id, asOf ?? null);
  }

  @Authorized('read')
  @Query(() => ContractConnection)
  async contracts(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ContractFilter, { nullable: true }) filter?: ContractFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.runtime.contracts(sessionOf(ctx).request, { filter, first, after }));
  }

  @Authorized('operate')
  @Mutation(() => Contract)
  createContract(@Arg('input', () => CreateContractInput) input: CreateContractInput, @Ctx() ctx: GraphQLContext): Promise<ContractRecord> {
    return ctx.runtime.createContract(sessionOf(ctx).request, input);
  }

  @Authorized('approve')
  @Mutation(() => Contract)
  approveContract(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => ApproveContractInput, { nullable: true }) input?: ApproveContractInput,
  ): Promise<ContractRecord> {
    return ctx.runtime.approveContract(sessionOf(ctx).request, id, input ?? {});
  }

  @Authorized('approve')
  @Mutation(() => Contract)
  rejectContract(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<ContractRecord> {
    return ctx.runtime.rejectContract(sessionOf(ctx).request, id, reason);
  }

  @FieldResolver(() => [Transition])
  transitions(@Root() contract: ContractRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.transitions.load(contract.id);
  }
}
