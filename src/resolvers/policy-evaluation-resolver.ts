// Resolver: the derived fields of a policy evaluation — the run's violations it read (as they were
// at evaluation time: those whose ids it kept) and their count.
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PolicyEvaluationRecord, ViolationRecord } from '../runtime/records.js';
import { PolicyEvaluation, Violation } from '../schema/run-types.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** PolicyEvaluation.violations and violationCount. */
@Resolver(() => PolicyEvaluation)
export class PolicyEvaluationResolver {
  @FieldResolver(() => [Violation], { description: "The run's violations the evaluation read, newest first (later violations are not among them)" })
  async violations(@Root() evaluation: PolicyEvaluationRecord, @Ctx() ctx: GraphQLContext): Promise<ViolationRecord[]> {
    const read = new Set(evaluation.violationIds);
    return (await sessionOf(ctx).loaders.violations.load(evaluation.runId)).filter((violation) => read.has(violation.id));
  }

  @FieldResolver(() => Int, { description: 'How many violations the evaluation read' })
  violationCount(@Root() evaluation: PolicyEvaluationRecord): number {
    return evaluation.violationIds.length;
  }
}
