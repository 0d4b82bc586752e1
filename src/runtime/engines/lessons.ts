// Engine: lessons (DOMAIN.md §4) — which a completed run teaches (NEAR_THRESHOLD per band with a
// 24 h debounce, CRITICAL_SUCCESS, FAILURE) and how a lesson's review moves (PENDING → DEFERRED / DISMISSED / CONVERTED_TO_DRAFT, and
// DEFERRED → PENDING when its time passes).
import { BadUserInputError, ConflictError, ImmutableError, InvalidTransitionError } from '../errors.js';
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
  /** Bands of the agent's NEAR_THRESHOLD lessons within the last {@link NEAR_THRESHOLD_DEBOUNCE_HOURS}. */
  recentNearThresholdBands: readonly number[];
  criticalSuccessPercent: number;
}

/** The bands above the tenant's threshold at which NEAR_THRESHOLD fires again (as in the seed). */
export const NEAR_THRESHOLD_UPPER_BANDS = [90, 95] as const;
/** A band fires at most once per agent in this many hours. */
export const NEAR_THRESHOLD_DEBOUNCE_HOURS = 24;

/** The bands of a tenant threshold: the threshold itself, then the upper bands above it. */
export function nearThresholdBands(thresholdPercent: number): number[] {
  return [thresholdPercent, ...NEAR_THRESHOLD_UPPER_BANDS.filter((band) => band > thresholdPercent)];
}

/** The highest band the run's spending crossed that did not fire lately; null when none. */
function crossedBand(facts: LessonFacts, budget: NonNullable<LessonFacts['budget']>): number | null {
  // Compared without division: 57 of 100 is 56.99999999999999 % in floating point, yet it is at 57 %.
  const crossed = nearThresholdBands(facts.nearThresholdPercent).filter(
    (band) => budget.spentBeforeCents * 100 < budget.limitCents * band && (budget.spentBeforeCents + facts.costCents) * 100 >= budget.limitCents * band,
  );
  const fresh = crossed.filter((band) => !facts.recentNearThresholdBands.includes(band));
  return fresh.length > 0 ? fresh[fresh.length - 1] : null;
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
    const band = crossedBand(facts, facts.budget);
    if (band !== null) {
      lessons.push({
        type: 'NEAR_THRESHOLD',
        severity: 'warning',
        title: `Agent budget use crossed ${band}%`,
        description: `This run took the agent's use of its ${facts.budget.windowHours} h budget from ${round(before)}% to ${round(after)}%.`,
        detectedPattern: { usedPercentBefore: round(before), usedPercentAfter: round(after), thresholdPercent: band },
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

/** A deferred lesson whose time has come returns to PENDING; null when it stays as it is. */
export function decideDeferralEnd(status: LessonStatus, deferredUntil: Date | null, now: Date): LessonStatus | null {
  return status === 'DEFERRED' && deferredUntil !== null && deferredUntil <= now ? 'PENDING' : null;
}

/** Conversion to a draft contract: only a PENDING lesson, once (CONFLICT when it was converted already). */
export function decideConversion(status: LessonStatus): LessonStatus {
  if (status === 'CONVERTED_TO_DRAFT') throw new ConflictError('Lesson was already converted to a draft contract', { status });
  if (status === 'DEFERRED') throw new InvalidTransitionError('Lesson', status, 'CONVERTED_TO_DRAFT', 'only a PENDING lesson can be converted; a deferred one returns to PENDING when its time passes');
  return moveLesson(status, 'CONVERTED_TO_DRAFT');
}

function moveLesson(from: LessonStatus, to: LessonStatus): LessonStatus {
  if (from === 'DISMISSED' || from === 'CONVERTED_TO_DRAFT') throw new ImmutableError('Lesson', from);
  if (from !== 'PENDING' && from !== 'DEFERRED') throw new InvalidTransitionError('Lesson', from, to);
  return to;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
