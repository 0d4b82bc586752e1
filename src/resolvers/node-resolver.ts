// Resolver: `node(id)` — fetches any object by its global id, dispatching on the id's type prefix.
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node, nodeTypeOf } from '../schema/relay.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** The Relay node field. */
@Resolver()
export class NodeResolver {
  @Authorized('read')
  @Query(() => Node, { nullable: true })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<{ id: string } | null> {
    const { request } = sessionOf(ctx);
    switch (nodeTypeOf(id)) {
      case 'Contract':
        return ctx.runtime.contract(request, id);
      case 'Job':
        return ctx.runtime.job(request, id);
      case 'Run':
        return ctx.runtime.run(request, id);
      case 'Violation':
        return ctx.runtime.violation(request, id);
      default:
        return null;
    }
  }
}
