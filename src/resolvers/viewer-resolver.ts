// Resolver: who the caller is (`viewer`), and where this server's event delivery stands
// (`latestEventId`), so a console can read a list and then follow it live without a gap.
import { Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ViewerRecord } from '../runtime/read-viewer.js';
import { Viewer } from '../schema/viewer-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** The caller and the event position. */
@Resolver()
export class ViewerResolver {
  @Authorized('read')
  @Query(() => Viewer, { description: 'The caller: principal, role, tenant and what the role permits' })
  viewer(@Ctx() ctx: GraphQLContext): ViewerRecord {
    return ctx.runtime.viewer(sessionOf(ctx).request);
  }

  @Authorized('read')
  @Query(() => ID, {
    description:
      'The id of the last event this server has delivered to subscribers: every event up to it is committed, so a read made with or after this one already shows its effects. Read it in the same query as a list (or before it), then subscribe with `after` set to it to follow the list without a gap.',
  })
  latestEventId(@Ctx() ctx: GraphQLContext): string | Promise<string> {
    // Read synchronously when delivery has started, so the position precedes any read in the same query.
    const { hub } = ctx.delivery;
    return hub.isOpen ? hub.settledThrough.toString() : hub.ready.then(() => hub.settledThrough.toString());
  }
}
