// Resolver: lessons — the list consoles review, and the review decisions (dismiss, defer, convert to a draft contract).
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { LessonConversion as LessonConversionRecord } from '../runtime/commands/review-lesson.js';
import type { LessonCountRecord, LessonRecord } from '../runtime/records.js';
import { LessonStatus } from '../schema/enums.js';
import { Lesson, LessonConnection, LessonConversion, LessonCount } from '../schema/run-types.js';
import { toConnection } from './connection.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Lessons drawn from runs. */
@Resolver(() => Lesson)
export class LessonResolver {
  @Authorized('read')
  @Query(() => LessonConnection)
  async lessons(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => [LessonStatus], { nullable: true }) status?: string[],
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.runtime.lessons(sessionOf(ctx).request, { status, first, after }));
  }

  @Authorized('read')
  @Query(() => [LessonCount], { description: 'How many lessons of the tenant have each type and status (combinations with none are left out).' })
  lessonCounts(@Ctx() ctx: GraphQLContext): Promise<LessonCountRecord[]> {
    return ctx.runtime.lessonCounts(sessionOf(ctx).request);
  }

  @Authorized('approve')
  @Mutation(() => Lesson)
  dismissLesson(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<LessonRecord> {
    return ctx.runtime.dismissLesson(sessionOf(ctx).request, id, reason);
  }

  @Authorized('approve')
  @Mutation(() => Lesson)
  deferLesson(@Arg('id', () => ID) id: string, @Arg('until', () => Date) until: Date, @Ctx() ctx: GraphQLContext): Promise<LessonRecord> {
    return ctx.runtime.deferLesson(sessionOf(ctx).request, id, until);
  }

  @Authorized('approve')
  @Mutation(() => LessonConversion, { description: 'Converts a PENDING lesson to a DRAFT contract drafted from it (lessonId); the lesson becomes CONVERTED_TO_DRAFT. Converting it again is a CONFLICT.' })
  convertLessonToDraft(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<LessonConversionRecord> {
    return ctx.runtime.convertLessonToDraft(sessionOf(ctx).request, id);
  }
}
