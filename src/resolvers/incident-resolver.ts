// Resolver: incidents — an operator resolves a run's open incident (resolveIncident).
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { IncidentRecord } from '../runtime/records.js';
import { ResolveIncidentInput } from '../schema/governance-types.js';
import { Incident } from '../schema/run-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Incident.resolveIncident. */
@Resolver(() => Incident)
export class IncidentResolver {
  @Authorized('operate')
  @Mutation(() => Incident, { description: "Resolves a run's open incident, once (IMMUTABLE when already resolved); announced as incident.resolved on the run's stream" })
  resolveIncident(@Arg('id', () => ID) id: string, @Arg('input', () => ResolveIncidentInput) input: ResolveIncidentInput, @Ctx() ctx: GraphQLContext): Promise<IncidentRecord> {
    return ctx.runtime.resolveIncident(sessionOf(ctx).request, id, input);
  }
}
