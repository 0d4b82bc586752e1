// Resolver: run and contract subscriptions — every event of one run, every run event of the
// caller's tenant (optionally of some types), every contract transition (optionally into some
// statuses); with `after`, what was missed is replayed first.
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { RunEventTypes } from '../runtime/commands/run-events.js';
import { BadUserInputError } from '../runtime/errors.js';
import { contractEventOf, runEventOf, type ContractEventView, type RunEventView } from '../runtime/event-snapshots.js';
import type { StoredEvent } from '../runtime/read-outbox.js';
import { ContractStatus } from '../schema/enums.js';
import { ContractEvent, RunEvent } from '../schema/event-types.js';
import { sessionOf, type GraphQLContext } from './context.js';
import { requireSubject, subscribeToEvents } from './event-subscription.js';

type Data<Args> = SubscribeResolverData<unknown, Args, GraphQLContext>;

/** The requested run event types, refused when one is not a type of the run stream. */
function runEventTypes(types: string[] | null | undefined): string[] | null {
  if (!types?.length) return null;
  const unknown = types.filter((type) => !(RunEventTypes as readonly string[]).includes(type));
  if (unknown.length > 0) throw new BadUserInputError([`unknown run event types ${unknown.join(', ')}; the run stream has ${RunEventTypes.join(', ')}`]);
  return types;
}

/** runUpdated, runEvents and contractEvents. */
@Resolver()
export class RunSubscriptionResolver {
  @Subscription(() => RunEvent, {
    description: "Every event of one run; with `after`, first replays what was missed. NOT_FOUND at once for a run that is not the caller's tenant's.",
    subscribe: async ({ args, context }: Data<{ id: string; after?: string | null }>) => {
      await requireSubject('Run', args.id, () => context.runtime.run(sessionOf(context).request, args.id));
      return subscribeToEvents(context, { subjectType: 'run', subjectId: args.id }, args.after);
    },
  })
  runUpdated(@Root() event: StoredEvent, @Arg('id', () => ID) _id: string, @Arg('after', () => ID, { nullable: true }) _after?: string): RunEventView {
    return runEventOf(event);
  }

  @Subscription(() => RunEvent, {
    description: `Every run event of the caller's tenant, optionally only of some types (${RunEventTypes.join(', ')}).`,
    subscribe: ({ args, context }: Data<{ types?: string[] | null; after?: string | null }>) =>
      subscribeToEvents(context, { subjectType: 'run', types: runEventTypes(args.types) }, args.after),
  })
  runEvents(
    @Root() event: StoredEvent,
    @Arg('types', () => [String], { nullable: true }) _types?: string[],
    @Arg('after', () => ID, { nullable: true }) _after?: string,
  ): RunEventView {
    return runEventOf(event);
  }

  @Subscription(() => ContractEvent, {
    description: "Every contract transition of the caller's tenant, optionally only those into some statuses.",
    subscribe: ({ args, context }: Data<{ status?: string[] | null; after?: string | null }>) =>
      subscribeToEvents(context, { subjectType: 'contract', statuses: args.status?.length ? args.status : null }, args.after),
  })
  contractEvents(
    @Root() event: StoredEvent,
    @Arg('status', () => [ContractStatus], { nullable: true }) _status?: string[],
    @Arg('after', () => ID, { nullable: true }) _after?: string,
  ): ContractEventView {
    return contractEventOf(event);
  }
}
