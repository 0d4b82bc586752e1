// Runtime commands: dismissLesson, deferLesson and convertLessonToDraft — a person's review of a
// lesson, recorded with who decided and why (or until when), the conversion writing the DRAFT contract
// too — and the sweeper that returns deferred lessons to PENDING when their time passes. Each change
// writes the lesson, its transition and its event (and the draft with its own) in one commit.
import { decideContractCreation } from '../engines/contract-creation.js';
import { lessonDraftProposal } from '../engines/lesson-drafts.js';
import { decideConversion, decideDeferral, decideDeferralEnd, decideDismissal, type LessonStatus } from '../engines/lessons.js';
import { NotFoundError } from '../errors.js';
import { claimDueDeferredLessons, lockLesson, updateLesson } from '../drivers/lessons.js';
import { appendEvents } from '../drivers/outbox.js';
import { findRun } from '../drivers/run-reads.js';
import { appendTransitions } from '../drivers/transitions.js';
import type { ContractRecord, LessonRecord } from '../records.js';
import { SYSTEM_ACTOR, type RequestContext } from '../request-context.js';
import type { StorageDeps } from '../storage-deps.js';
import { withUnitOfWork, type UnitOfWork } from '../unit-of-work.js';
import { insertNewContract } from './create-contract.js';
import { tenantScope } from '../transaction-scope.js';
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

/** A lesson converted to a draft, and the DRAFT contract drafted from it. */
export interface LessonConversion {
  lesson: LessonRecord;
  contract: ContractRecord;
}

/** Converts a PENDING lesson to a DRAFT contract drafted from it (lessonId), validated as any proposal; the lesson becomes CONVERTED_TO_DRAFT. */
export function convertLessonToDraft(deps: StorageDeps, ctx: RequestContext, id: string): Promise<LessonConversion> {
  return reviewLesson(deps, ctx, 'convertLessonToDraft', id, async (uow, lesson) => {
    const status = decideConversion(lesson.status as LessonStatus);
    const proposal = lessonDraftProposal(lesson);
    const creation = decideContractCreation(proposal, uow.now, { endIn: 'DRAFT', origin: `lesson ${lesson.id}` });
    const contract = await insertNewContract(uow, ctx, proposal, creation, lesson.id);
    const reason = `converted to draft contract ${contract.id}`;
    const change = { status, deferredUntil: null, decidedBy: ctx.principal.name, decisionReason: reason };
    const changed = await changeLesson(uow, lesson, change, { actor: ctx.principal.name, reason, event: 'lesson.converted' });
    return { lesson: changed, contract };
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
function reviewLesson<T>(deps: StorageDeps, ctx: RequestContext, command: string, id: string, review: (uow: UnitOfWork, lesson: LessonRecord) => Promise<T>): Promise<T> {
  return withUnitOfWork(deps, tenantScope(ctx.principal.tenantId), command, deps.clock.now(), async (uow) => {
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
