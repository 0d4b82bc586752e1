// Runtime commands: dismissLesson and deferLesson — a person's review of a lesson, recorded with who
// decided and why (or until when) — and the sweeper that returns deferred lessons to PENDING when
// their time passes. Each change writes the lesson, its transition and its event in one commit.
import { decideDeferral, decideDeferralEnd, decideDismissal, type LessonStatus } from '../engines/lessons.js';
import { NotFoundError } from '../errors.js';
import { claimDueDeferredLessons, lockLesson, updateLesson } from '../drivers/lessons.js';
import { appendEvents } from '../drivers/outbox.js';
import { findRun } from '../drivers/run-reads.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { LessonRecord } from '../records.js';
import { SYSTEM_ACTOR, type RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { runEvent, type RunEventType } from './run-events.js';
import { sweepInBatches } from './sweep-in-batches.js';

/** Dismisses a lesson with a reason. */
export function dismissLesson(deps: StorageDeps, ctx: RequestContext, id: string, reason: string): Promise<LessonRecord> {
  return reviewLesson(deps, ctx, 'dismissLesson', id, async (uow, lesson) => {
    const status = decideDismissal(lesson.status as LessonStatus, reason);
    const change = { status, deferredUntil: null, decidedBy: ctx.principal.name, decisionReason: reason };
    return changeLesson(uow, lesson, change, { actor: ctx.principal.name, reason: `dismissed: ${reason}`, event: 'lesson.dismissed' });
  });
}

/** Defers a lesson until a later time. */
export function deferLesson(deps: StorageDeps, ctx: RequestContext, id: string, until: Date): Promise<LessonRecord> {
  return reviewLesson(deps, ctx, 'deferLesson', id, async (uow, lesson) => {
    const status = decideDeferral(lesson.status as LessonStatus, until, uow.now);
    const change = { status, deferredUntil: until, decidedBy: ctx.principal.name, decisionReason: null };
    return changeLesson(uow, lesson, change, { actor: ctx.principal.name, reason: `deferred until ${until.toISOString()}`, event: 'lesson.deferred' });
  });
}

/** Returns every deferred lesson whose time has passed to PENDING; returns how many. */
export function sweepDeferredLessons(deps: StorageDeps): Promise<number> {
  return sweepInBatches(deps, 'sweep:lessonDeferrals', claimDueDeferredLessons, async (uow, lesson) => {
    const status = decideDeferralEnd(lesson.status as LessonStatus, lesson.deferredUntil, uow.now);
    if (!status) return false;
    const reason = `deferral ended at ${lesson.deferredUntil!.toISOString()}`;
    await changeLesson(uow, lesson, { status, deferredUntil: null, decidedBy: null, decisionReason: null }, { actor: SYSTEM_ACTOR, reason, event: 'lesson.returned' });
    return true;
  });
}

/** Locks the caller's lesson (NOT_FOUND when absent) and applies `review` in one unit of work. */
function reviewLesson(
  deps: StorageDeps,
  ctx: RequestContext,
  command: string,
  id: string,
  review: (uow: UnitOfWork, lesson: LessonRecord) => Promise<LessonRecord>,
): Promise<LessonRecord> {
  return withUnitOfWork(deps, command, deps.clock.now(), async (uow) => {
    const lesson = await lockLesson(uow, ctx.principal.tenantId, id);
    if (!lesson) throw new NotFoundError('Lesson', id);
    return review(uow, lesson);
  });
}

/** How a lesson change is recorded: who made it, why, and the event announcing it. */
export interface LessonChangeRecord {
  actor: string;
  reason: string;
  event: Extract<RunEventType, `lesson.${string}`>;
}

/** Writes a change of a locked lesson, its transition and (for a lesson of a run) its event on the run's stream. */
export async function changeLesson(uow: UnitOfWork, lesson: LessonRecord, change: Pick<LessonRecord, 'status' | 'deferredUntil' | 'decidedBy' | 'decisionReason'>, record: LessonChangeRecord): Promise<LessonRecord> {
  const changed = await updateLesson(uow, lesson, change);
  await appendTransitions(uow, { tenantId: lesson.tenantId, type: 'lesson', id: lesson.id }, changed, record.actor, [{ from: lesson.status, to: changed.status, reason: record.reason }]);
  const run = lesson.runId ? await findRun(uow, lesson.tenantId, lesson.runId) : null;
  if (run) appendEvents(uow, [runEvent(run, record.event, record.actor, { lesson: changed })]);
  return changed;
}
