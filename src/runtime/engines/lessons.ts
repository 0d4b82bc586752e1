// Engine: lessons (DOMAIN.md §4) — which a completed run teaches (NEAR_THRESHOLD, CRITICAL_SUCCESS,
// FAILURE) and how a lesson's review moves (PENDING → DEFERRED / DISMISSED / CONVERTED_TO_DRAFT).
import { BadUserInputError, ImmutableError, InvalidTransitionError } from '../errors.js';
import type { RunStatus } from './run-states.js';

/** Kinds of lesson. */
export const LessonTypes = ['FAILURE', 'NEAR_THRESHOLD', 'CRITICAL_SUCCESS'] as const;
/** One kind of lesson. */
export type LessonType = (typeof LessonTypes)[number];

/** Lesson review statuses. */
export const LessonStatuses = ['PENDING', 'CONVERTED_TO_DRAFT', 'DEFERRED', 'DISMISSED'] as const;
/** One lesson status. */
export type LessonStatus = (typeof LessonStatuses)[number];

/** The facts a completed run offers. */
export interface LessonFacts {
  status: RunStatus;
  costCents: number;
  planEstimatedCents: number;
  errorCode: string | null;
  /** The agent's budget and what its window spent before this run; null without a budget. */
  budget: { limitCents: number; spentBeforeCents: number; windowHours: number } | null;
  nearThresholdPercent: number;
  criticalSuccessPercent: number;
}

/** A lesson to record. */
export interface LessonDraft {
  type: LessonType;
  severity: string;
  title: string;
  description: string;
  detectedPattern: Record<string, unknown>;
}

/** Every lesson the run teaches, in a stable order. */
export function detectLessons(facts: LessonFacts): LessonDraft[] {
  const lessons: LessonDraft[] = [];
  if (facts.status === 'FAILED_POLICY') {
    lessons.push({
      type: 'FAILURE',
      severity: 'high',
      title: 'Run failed a policy',
      description: `The run ended FAILED_POLICY${facts.errorCode ? ` (${facts.errorCode})` : ''}.`,
      detectedPattern: { status: facts.status, errorCode: facts.errorCode },
    });
  }
  if (facts.budget && facts.budget.limitCents > 0) {
    const before = (facts.budget.spentBeforeCents / facts.budget.limitCents) * 100;
    const after = ((facts.budget.spentBeforeCents + facts.costCents) / facts.budget.limitCents) * 100;
    // Compared without division: 57 of 100 is 56.99999999999999 % in floating point, yet it is at 57 %.
    const thresholdCents = facts.budget.limitCents * facts.nearThresholdPercent;
    if (facts.budget.spentBeforeCents * 100 < thresholdCents && (facts.budget.spentBeforeCents + facts.costCents) * 100 >= thresholdCents) {
      lessons.push({
        type: 'NEAR_THRESHOLD',
        severity: 'warning',
        title: `Agent budget use crossed ${facts.nearThresholdPercent}%`,
        description: `This run took the agent's use of its ${facts.budget.windowHours} h budget from ${round(before)}% to ${round(after)}%.`,
        detectedPattern: { usedPercentBefore: round(before), usedPercentAfter: round(after), thresholdPercent: facts.nearThresholdPercent },
      });
    }
  }
  if (facts.status === 'SUCCEEDED' && facts.planEstimatedCents > 0 && facts.costCents * 100 <= facts.planEstimatedCents * facts.criticalSuccessPercent) {
    lessons.push({
      type: 'CRITICAL_SUCCESS',
      severity: 'info',
      title: 'Run succeeded well under its estimate',
      description: `The run cost ${facts.costCents} cents against an estimate of ${facts.planEstimatedCents} cents.`,
      detectedPattern: { costCents: facts.costCents, estimatedCents: facts.planEstimatedCents, ratioPercent: round((facts.costCents / facts.planEstimatedCents) * 100) },
    });
  }
  return lessons;
}

/** Dismissal: a PENDING or DEFERRED lesson, with a reason. */
export function decideDismissal(status: LessonStatus, reason: string): LessonStatus {
  if (reason.trim().length === 0 || reason.length > 2000) throw new BadUserInputError(['reason must be 1..2000 characters and not blank']);
  return moveLesson(status, 'DISMISSED');
}

/** Deferral: a PENDING or DEFERRED lesson, until a time in the future. */
export function decideDeferral(status: LessonStatus, until: Date, now: Date): LessonStatus {
  if (until <= now) throw new BadUserInputError(['until must be in the future']);
  return moveLesson(status, 'DEFERRED');
}

function moveLesson(from: LessonStatus, to: LessonStatus): LessonStatus {
  if (from === 'DISMISSED' || from === 'CONVERTED_TO_DRAFT') throw new ImmutableError('Lesson', from);
  if (from !== 'PENDING' && from !== 'DEFERRED') throw new InvalidTransitionError('Lesson', from, to);
  return to;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
