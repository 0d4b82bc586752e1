// Resolver: job subscriptions — every change of one job, or every job event of the caller's
// tenant; with `after`, what was missed is replayed first. Tenant filtering is in the selector.
import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { parseAfter, streamEvents } from '../delivery/event-stream.js';
import { jobSnapshotOf } from '../runtime/commands/job-events.js';
import type { StoredEvent } from '../runtime/read-outbox.js';
import { JobStatus } from '../schema/enums.js';
import { JobEvent } from '../schema/event-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

type Data<Args> = SubscribeResolverData<unknown, Args, GraphQLContext>;

/** jobUpdated and jobEvents. */
@Resolver(() => JobEvent)
export class JobSubscriptionResolver {
  @Subscription(() => JobEvent, {
    description: 'Every change of one job; with `after`, first replays what was missed.',
    subscribe: ({ args, context }: Data<{ id: string; after?: string | null }>) => {
      const { tenantId } = sessionOf(context).request.principal;
      return streamEvents(context.delivery, { tenantId, subjectType: 'job', subjectId: args.id }, parseAfter(args.after));
    },
  })
  jobUpdated(@Root() event: StoredEvent, @Arg('id', () => ID) _id: string, @Arg('after', () => ID, { nullable: true }) _after?: string): JobEvent {
    return toJobEvent(event);
  }

  @Subscription(() => JobEvent, {
    description: "Every job event of the caller's tenant, optionally filtered by status.",
    subscribe: ({ args, context }: Data<{ status?: string[] | null; after?: string | null }>) => {
      const { tenantId } = sessionOf(context).request.principal;
      return streamEvents(context.delivery, { tenantId, subjectType: 'job', statuses: args.status?.length ? args.status : null }, parseAfter(args.after));
    },
  })
  jobEvents(
    @Root() event: StoredEvent,
    @Ctx() _ctx: GraphQLContext,
    @Arg('status', () => [JobStatus], { nullable: true }) _status?: string[],
    @Arg('after', () => ID, { nullable: true }) _after?: string,
  ): JobEvent {
    return toJobEvent(event);
  }
}

function toJobEvent(event: StoredEvent): JobEvent {
  return { id: event.id, type: event.type, job: jobSnapshotOf(event.payload) as never, at: event.createdAt };
}
