// Resolver: inspection — monitor configurations (admin), checks (any role, no write) and the
// reports workers make before inspecting data (operator).
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { InspectionResult } from '../runtime/engines/inspection.js';
import type { MonitorConfigRecord } from '../runtime/records.js';
import { InspectionOperation } from '../schema/enums.js';
import { InspectionCheck, MonitorConfig, MonitorConfigInput } from '../schema/inspection-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Monitor configurations and inspection checks. */
@Resolver()
export class InspectionResolver {
  @Authorized('read')
  @Query(() => MonitorConfig, { nullable: true })
  monitorConfig(@Arg('policyId') policyId: string, @Ctx() ctx: GraphQLContext): Promise<MonitorConfigRecord | null> {
    return ctx.runtime.monitorConfig(sessionOf(ctx).request, policyId);
  }

  @Authorized('administer')
  @Mutation(() => MonitorConfig)
  upsertMonitorConfig(@Arg('input', () => MonitorConfigInput) input: MonitorConfigInput, @Ctx() ctx: GraphQLContext): Promise<MonitorConfigRecord> {
    const { policyId, ...patch } = input;
    return ctx.runtime.upsertMonitorConfig(sessionOf(ctx).request, policyId, patch);
  }

  @Authorized('read')
  @Query(() => InspectionCheck)
  checkInspection(
    @Arg('policyId') policyId: string,
    @Arg('operations', () => [InspectionOperation]) operations: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<InspectionResult> {
    return ctx.runtime.checkInspection(sessionOf(ctx).request, policyId, operations);
  }

  @Authorized('operate')
  @Mutation(() => InspectionCheck)
  reportInspection(
    @Arg('runId', () => ID) runId: string,
    @Arg('policyId') policyId: string,
    @Arg('operations', () => [InspectionOperation]) operations: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<InspectionResult> {
    return ctx.runtime.reportInspection(sessionOf(ctx).request, runId, policyId, operations);
  }
}
