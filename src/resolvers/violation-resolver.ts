// Resolver: violations — the console list over both kinds, and violationRecorded, streamed from
// the outbox like every subscription (with `after`, missed violations are replayed first).
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { parseAfter, streamEvents } from '../delivery/event-stream.js';
import { violationSnapshotOf } from '../runtime/commands/run-events.js';
import type { StoredEvent } from '../runtime/read-outbox.js';
import type { ViolationRecord } from '../runtime/records.js';
import { ViolationConnection, ViolationFilter } from '../schema/inspection-types.js';
import { Violation } from '../schema/run-types.js';
import { toConnection } from './connection.js';
import { sessionOf, type GraphQLContext } from './context.js';

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
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { runId?: string | null; after?: string | null }, GraphQLContext>) => {
      const { tenantId } = sessionOf(context).request.principal;
      return streamEvents(context.delivery, { tenantId, subjectType: 'violation', runId: args.runId ?? null }, parseAfter(args.after));
    },
  })
  violationRecorded(
    @Root() event: StoredEvent,
    @Arg('runId', () => ID, { nullable: true }) _runId?: string,
    @Arg('after', () => ID, { nullable: true }) _after?: string,
  ): ViolationRecord & { eventId: string } {
    return { ...violationSnapshotOf(event.payload), eventId: event.id };
  }
}
