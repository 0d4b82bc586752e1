// Resolver: capability health — executors report it, consoles read it; snapshots use it.
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CapabilityHealthRecord } from '../runtime/records.js';
import { CapabilityHealthStatus } from '../schema/enums.js';
import { CapabilityHealth } from '../schema/job-types.js';
import { JSONScalar } from '../schema/scalars.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Report and read capability health. */
@Resolver(() => CapabilityHealth)
export class CapabilityHealthResolver {
  @Authorized('read')
  @Query(() => [CapabilityHealth])
  capabilityHealth(@Ctx() ctx: GraphQLContext): Promise<CapabilityHealthRecord[]> {
    return ctx.runtime.capabilityHealth(sessionOf(ctx).request);
  }

  @Authorized('operate')
  @Mutation(() => CapabilityHealth)
  reportCapabilityHealth(
    @Arg('capability') capability: string,
    @Arg('status', () => CapabilityHealthStatus) status: keyof typeof CapabilityHealthStatus,
    @Ctx() ctx: GraphQLContext,
    @Arg('details', () => JSONScalar, { nullable: true }) details?: unknown,
  ): Promise<CapabilityHealthRecord> {
    return ctx.runtime.reportCapabilityHealth(sessionOf(ctx).request, { capability, status, details });
  }
}
