// Resolver: job subscriptions — every change of one job, or every job event of the caller's
// tenant; with `after`, what was missed is replayed first. Tenant filtering is in the selector.
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { jobEventOf, type JobEventView } from '../runtime/event-snapshots.js';
import type { StoredEvent } from '../runtime/read-outbox.js';
import { JobStatus } from '../schema/enums.js';
import { JobEvent } from '../schema/event-types.js';
import { sessionOf, type GraphQLContext } from './context.js';
import { requireSubject, subscribeToEvents } from './event-subscription.js';

type Data<Args> = SubscribeResolverData<unknown, Args, GraphQLContext>;

/** jobUpdated and jobEvents. */
@Resolver(() => JobEvent)
export class JobSubscriptionResolver {
  @Subscription(() => JobEvent, {
    description: "Every change of one job; with `after`, first replays what was missed. NOT_FOUND at once for a job that is not the caller's tenant's.",
    subscribe: async ({ args, context }: Data<{ id: string; after?: string | null }>) => {
      await requireSubject('Job', args.id, () => context.runtime.job(sessionOf(context).request, args.id));
      return subscribeToEvents(context, { subjectType: 'job', subjectId: args.id }, args.after);
    },
  })
  jobUpdated(@Root() event: StoredEvent, @Arg('id', () => ID) _id: string, @Arg('after', () => ID, { nullable: true }) _after?: string): JobEventView {
    return jobEventOf(event);
  }

  @Subscription(() => JobEvent, {
    description: "Every job event of the caller's tenant, optionally filtered by status.",
    subscribe: ({ args, context }: Data<{ status?: string[] | null; after?: string | null }>) =>
      subscribeToEvents(context, { subjectType: 'job', statuses: args.status?.length ? args.status : null }, args.after),
  })
  jobEvents(
    @Root() event: StoredEvent,
    @Arg('status', () => [JobStatus], { nullable: true }) _status?: string[],
    @Arg('after', () => ID, { nullable: true }) _after?: string,
  ): JobEventView {
    return jobEventOf(event);
  }
}
