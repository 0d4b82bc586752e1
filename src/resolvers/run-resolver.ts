// Resolver: run queries (one, a filtered list, the stale-run scan), createRun, transitionRun, completeRun, and the nested fields of Run — thin adapters,
// one runtime call per mutation; nested fields go through the request's DataLoaders.
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RunPhase as RunPhaseValue, RunStatus as RunStatusValue } from '../runtime/engines/run-states.js';
import type { RunCompletionRecord } from '../runtime/completion/run-completion-coordinator.js';
import type { RunSnapshot } from '../runtime/commands/run-events.js';
import type { AckRecord, RunRecord } from '../runtime/records.js';
import { RunPhase, RunStatus } from '../schema/enums.js';
import { CompleteRunInput, CreateRunInput, DomainAckInput, RunFilter } from '../schema/governance-types.js';
import { AuditExpectation, DomainAck, Incident, Lesson, Plan, PlanWarning, PolicyEvaluation, Reconciliation, Run, RunCompletion, RunConnection, Violation } from '../schema/run-types.js';
import { DateTimeScalar } from '../schema/scalars.js';
import { Transition } from '../schema/transition.js';
import { toConnection } from './connection.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Runs: read, create (with plan generation), transition, complete. */
@Resolver(() => Run)
export class RunResolver {
  @Authorized('read')
  @Query(() => Run, { nullable: true })
  run(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext, @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'The instant to read it as of, rebuilt from its audit trail; null before it was created.' }) asOf?: Date | null): Promise<RunRecord | null> {
    return ctx.runtime.run(sessionOf(ctx).request, id, asOf ?? null);
  }

  @Authorized('read')
  @Query(() => RunConnection)
  async runs(
    @Ctx() ctx: GraphQLContext,
    @Arg('agentId', () => String, { nullable: true }) agentId?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => RunFilter, { nullable: true }) filter?: RunFilter,
  ) {
    return toConnection(await ctx.runtime.runs(sessionOf(ctx).request, { agentId, filter, first, after }));
  }

  @Authorized('read')
  @Query(() => RunConnection, { description: 'Runs that have not ended and were last updated more than olderThanMinutes ago (read through an index of open runs), newest first' })
  async staleRuns(
    @Ctx() ctx: GraphQLContext,
    @Arg('olderThanMinutes', () => Int) olderThanMinutes: number,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.runtime.staleRuns(sessionOf(ctx).request, { olderThanMinutes, first, after }));
  }

  @Authorized('operate')
  @Mutation(() => Run)
  createRun(@Arg('input', () => CreateRunInput) input: CreateRunInput, @Ctx() ctx: GraphQLContext): Promise<RunRecord> {
    return ctx.runtime.createRun(sessionOf(ctx).request, input);
  }

  @Authorized('operate')
  @Mutation(() => Run)
  transitionRun(
    @Arg('id', () => ID) id: string,
    @Arg('phase', () => RunPhase) phase: RunPhaseValue,
    @Arg('status', () => RunStatus) status: RunStatusValue,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RunRecord> {
    return ctx.runtime.transitionRun(sessionOf(ctx).request, id, phase, status);
  }

  @Authorized('operate')
  @Mutation(() => RunCompletion)
  completeRun(@Arg('id', () => ID) id: string, @Arg('input', () => CompleteRunInput) input: CompleteRunInput, @Ctx() ctx: GraphQLContext): Promise<RunCompletionRecord> {
    return ctx.runtime.completeRun(sessionOf(ctx).request, id, input);
  }

  @Authorized('operate')
  @Mutation(() => DomainAck, { description: "A domain acknowledges a run's action (SUCCESS or FAILED); recorded on finished runs too; reconciliation shows failed and drift from it" })
  recordDomainAck(@Arg('runId', () => ID) runId: string, @Arg('input', () => DomainAckInput) input: DomainAckInput, @Ctx() ctx: GraphQLContext): Promise<AckRecord> {
    return ctx.runtime.recordDomainAck(sessionOf(ctx).request, runId, input);
  }

  @FieldResolver(() => Incident, { nullable: true })
  incident(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.incidents.load(run.id);
  }

  @FieldResolver(() => PolicyEvaluation, { nullable: true })
  policyEvaluation(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.policyEvaluations.load(run.id);
  }

  @FieldResolver(() => [Lesson])
  lessons(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.lessons.load(run.id);
  }

  @FieldResolver(() => [AuditExpectation])
  expectations(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.expectations.load(run.id);
  }

  @FieldResolver(() => [DomainAck])
  acks(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.acks.load(run.id);
  }

  @FieldResolver(() => Plan, { description: 'The validated plan (fixed when the run is created)' })
  async plan(@Root() run: RunRecord | RunSnapshot, @Ctx() ctx: GraphQLContext) {
    // A run delivered with an event carries no plan: it never changes, so it is read at delivery.
    return 'plan' in run ? run.plan : (await sessionOf(ctx).loaders.runs.load(run.id))?.plan;
  }

  @FieldResolver(() => [PlanWarning], { description: 'What validation warned about when the run was created, each with a stable code' })
  async planWarnings(@Root() run: RunRecord | RunSnapshot, @Ctx() ctx: GraphQLContext) {
    return 'planWarnings' in run ? run.planWarnings : ((await sessionOf(ctx).loaders.runs.load(run.id))?.planWarnings ?? []);
  }

  @FieldResolver(() => Reconciliation)
  reconciliation(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.reconciliation(run.id);
  }

  @FieldResolver(() => [Violation])
  violations(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.violations.load(run.id);
  }

  @FieldResolver(() => [Transition])
  transitions(@Root() run: RunRecord, @Ctx() ctx: GraphQLContext) {
    return sessionOf(ctx).loaders.transitions.load(run.id);
  }
}
