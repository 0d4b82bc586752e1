// Resolver: violations — the console list over both kinds, and violationRecorded, streamed from
// the outbox like every subscription (with `after`, missed violations are replayed first).
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { violationOf } from '../runtime/event-snapshots.js';
import type { StoredEvent } from '../runtime/read-outbox.js';
import type { ViolationRecord } from '../runtime/records.js';
import { ViolationConnection, ViolationFilter } from '../schema/inspection-types.js';
import { Violation } from '../schema/run-types.js';
import { toConnection } from './connection.js';
import { sessionOf, type GraphQLContext } from './context.js';
import { subscribeToEvents } from './event-subscription.js';

/** The violations list and subscription. */
@Resolver(() => Violation)
export class ViolationResolver {
  @Authorized('read')
  @Query(() => ViolationConnection)
  async violations(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ViolationFilter, { nullable: true }) filter?: ViolationFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.runtime.violations(sessionOf(ctx).request, { filter, first, after }));
  }

  @Subscription(() => Violation, {
    description: 'Every new violation of the caller\'s tenant (of one run when given); with `after`, missed ones are replayed first.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { runId?: string | null; after?: string | null }, GraphQLContext>) =>
      subscribeToEvents(context, { subjectType: 'violation', runId: args.runId ?? null }, args.after),
  })
  violationRecorded(
    @Root() event: StoredEvent,
    @Arg('runId', () => ID, { nullable: true }) _runId?: string,
    @Arg('after', () => ID, { nullable: true }) _after?: string,
  ): ViolationRecord & { eventId: string } {
    return violationOf(event);
  }
}
