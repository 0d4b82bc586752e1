// Runtime commands: dismissLesson and deferLesson — a person's review of a lesson, recorded with who
// decided and why (or until when).
import { decideDeferral, decideDismissal, type LessonStatus } from '../engines/lessons.js';
import { NotFoundError } from '../errors.js';
import { lockLesson, updateLesson } from '../drivers/lessons.js';
import type { LessonRecord } from '../records.js';
import type { RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork } from '../unit-of-work.js';

/** Dismisses a lesson with a reason. */
export function dismissLesson(deps: StorageDeps, ctx: RequestContext, id: string, reason: string): Promise<LessonRecord> {
  return withUnitOfWork(deps, 'dismissLesson', deps.clock.now(), async (uow) => {
    const lesson = await lockLesson(uow, ctx.principal.tenantId, id);
    if (!lesson) throw new NotFoundError('Lesson', id);
    const status = decideDismissal(lesson.status as LessonStatus, reason);
    return updateLesson(uow, lesson, { status, deferredUntil: null, decidedBy: ctx.principal.name, decisionReason: reason });
  });
}

/** Defers a lesson until a later time. */
export function deferLesson(deps: StorageDeps, ctx: RequestContext, id: string, until: Date): Promise<LessonRecord> {
  return withUnitOfWork(deps, 'deferLesson', deps.clock.now(), async (uow) => {
    const lesson = await lockLesson(uow, ctx.principal.tenantId, id);
    if (!lesson) throw new NotFoundError('Lesson', id);
    const status = decideDeferral(lesson.status as LessonStatus, until, uow.now);
    return updateLesson(uow, lesson, { status, deferredUntil: until, decidedBy: ctx.principal.name, decisionReason: null });
  });
}
