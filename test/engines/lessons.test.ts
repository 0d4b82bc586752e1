// Unit tests of lessons (DOMAIN.md §4): which lessons a completed run teaches at and just around each
// threshold, and how a lesson's review may move (dismiss with a reason, defer to a future time).
import { describe, expect, it } from 'vitest';
import { decideConversion, decideDeferral, decideDeferralEnd, decideDismissal, detectLessons, nearThresholdBands, LessonStatuses, type LessonFacts } from '../../src/runtime/engines/lessons.js';
import { RunStatuses } from '../../src/runtime/engines/run-states.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

/** A succeeded run costing as much as estimated, with a 1000 ¢ budget nothing was spent from, default thresholds. */
function facts(overrides: Partial<LessonFacts> = {}): LessonFacts {
  return { status: 'SUCCEEDED', costCents: 100, planEstimatedCents: 100, errorCode: null, budget: { limitCents: 1000, spentBeforeCents: 0, windowHours: 24 }, nearThresholdPercent: 85, recentNearThresholdBands: [], criticalSuccessPercent: 50, ...overrides };
}
const typesOf = (input: LessonFacts) => detectLessons(input).map((lesson) => lesson.type);
const budget = (spentBeforeCents: number, limitCents = 1000) => ({ limitCents, spentBeforeCents, windowHours: 24 });

describe('NEAR_THRESHOLD', () => {
  it.each([
    { case: 'just under the threshold', spentBefore: 800, cost: 49, threshold: 85, lesson: false },
    { case: 'exactly at the threshold', spentBefore: 800, cost: 50, threshold: 85, lesson: true },
    { case: 'past the threshold', spentBefore: 800, cost: 300, threshold: 85, lesson: true },
    { case: 'from zero to the threshold in one run', spentBefore: 0, cost: 850, threshold: 85, lesson: true },
    { case: 'already above it before the run', spentBefore: 851, cost: 10, threshold: 85, lesson: false },
    { case: 'already exactly at it before the run', spentBefore: 850, cost: 10, threshold: 85, lesson: false },
    { case: 'just under a lower tenant threshold', spentBefore: 600, cost: 99, threshold: 70, lesson: false },
    { case: 'at a lower tenant threshold', spentBefore: 600, cost: 100, threshold: 70, lesson: true },
    { case: 'past 85 % under a higher tenant threshold', spentBefore: 800, cost: 100, threshold: 95, lesson: false },
    { case: 'exactly at a threshold whose share is inexact in floating point (57 of 100)', spentBefore: 50, cost: 7, threshold: 57, lesson: true, limit: 100 },
    { case: 'exactly at it before the run, inexact in floating point', spentBefore: 29, cost: 1, threshold: 29, lesson: false, limit: 100 },
  ])('$case → lesson: $lesson', ({ spentBefore, cost, threshold, lesson, limit }) => {
    const input = facts({ costCents: cost, planEstimatedCents: cost, budget: budget(spentBefore, limit), nearThresholdPercent: threshold });
    expect(typesOf(input)).toEqual(lesson ? ['NEAR_THRESHOLD'] : []);
  });

  it.each([
    { case: 'crossing 85 %', spentBefore: 800, cost: 60, recent: [], band: 85 },
    { case: 'crossing 90 % after 85 % fired', spentBefore: 860, cost: 50, recent: [85], band: 90 },
    { case: 'crossing 95 % after 85 % and 90 % fired', spentBefore: 910, cost: 40, recent: [85, 90], band: 95 },
    { case: 'reaching exactly 90 %', spentBefore: 899, cost: 1, recent: [85], band: 90 },
    { case: 'staying just under 90 %', spentBefore: 860, cost: 39, recent: [85], band: null },
    { case: 'crossing 85 % again within 24 h of its lesson', spentBefore: 800, cost: 60, recent: [85], band: null },
    { case: 'crossing 90 % again within 24 h of its lesson', spentBefore: 860, cost: 50, recent: [85, 90], band: null },
    { case: 'crossing 85 % and 90 % in one run', spentBefore: 800, cost: 110, recent: [], band: 90 },
    { case: 'crossing every band in one run', spentBefore: 0, cost: 1000, recent: [], band: 95 },
    { case: 'crossing 85 % and 90 % in one run when 90 % fired lately', spentBefore: 800, cost: 110, recent: [90], band: 85 },
    { case: 'crossing a tenant threshold of 95 %', spentBefore: 900, cost: 60, recent: [], band: 95, threshold: 95 },
    { case: 'already above 95 %', spentBefore: 960, cost: 30, recent: [], band: null },
  ])('bands: $case → $band', ({ spentBefore, cost, recent, band, threshold }) => {
    const lessons = detectLessons(facts({ status: 'FAILED', costCents: cost, budget: budget(spentBefore), recentNearThresholdBands: recent, nearThresholdPercent: threshold ?? 85 }));
    expect(lessons.map((lesson) => lesson.detectedPattern.thresholdPercent)).toEqual(band === null ? [] : [band]);
  });

  it.each([
    { threshold: 85, bands: [85, 90, 95] },
    { threshold: 70, bands: [70, 90, 95] },
    { threshold: 90, bands: [90, 95] },
    { threshold: 92, bands: [92, 95] },
    { threshold: 95, bands: [95] },
    { threshold: 99, bands: [99] },
  ])('a tenant threshold of $threshold % has the bands $bands', ({ threshold, bands }) => {
    expect(nearThresholdBands(threshold)).toEqual(bands);
  });

  it('describes the crossing', () => {
    const [lesson] = detectLessons(facts({ costCents: 50, planEstimatedCents: 50, budget: budget(800) }));
    expect(lesson).toMatchObject({ type: 'NEAR_THRESHOLD', severity: 'warning', detectedPattern: { usedPercentBefore: 80, usedPercentAfter: 85, thresholdPercent: 85 } });
  });

  it('counts failed runs’ spending too', () => {
    expect(typesOf(facts({ status: 'FAILED', costCents: 50, budget: budget(800) }))).toEqual(['NEAR_THRESHOLD']);
  });

  it('needs a budget with a limit', () => {
    expect(typesOf(facts({ costCents: 5000, planEstimatedCents: 5000, budget: null }))).toEqual([]);
    expect(typesOf(facts({ costCents: 5000, planEstimatedCents: 5000, budget: budget(0, 0) }))).toEqual([]);
  });
});

describe('CRITICAL_SUCCESS', () => {
  it.each([
    { cost: 0, estimate: 100, lesson: true },
    { cost: 50, estimate: 100, lesson: true },
    { cost: 51, estimate: 100, lesson: false },
    { cost: 5, estimate: 10, lesson: true },
    { cost: 6, estimate: 10, lesson: false },
    { cost: 17, estimate: 35, lesson: true },
    { cost: 18, estimate: 35, lesson: false },
    { cost: 0, estimate: 0, lesson: false },
  ])('a run costing $cost of an estimate of $estimate → lesson: $lesson', ({ cost, estimate, lesson }) => {
    expect(typesOf(facts({ costCents: cost, planEstimatedCents: estimate }))).toEqual(lesson ? ['CRITICAL_SUCCESS'] : []);
  });

  it('follows the tenant’s percentage', () => {
    expect(typesOf(facts({ costCents: 25, criticalSuccessPercent: 25 }))).toEqual(['CRITICAL_SUCCESS']);
    expect(typesOf(facts({ costCents: 26, criticalSuccessPercent: 25 }))).toEqual([]);
  });

  it.each(RunStatuses.filter((status) => status !== 'SUCCEEDED'))('is never taught by a %s run', (status) => {
    expect(typesOf(facts({ status, costCents: 0 })).filter((type) => type === 'CRITICAL_SUCCESS')).toEqual([]);
  });
});

describe('FAILURE', () => {
  it.each(RunStatuses.map((status) => ({ status, lesson: status === 'FAILED_POLICY' })))('a $status run → lesson: $lesson', ({ status, lesson }) => {
    expect(typesOf(facts({ status, errorCode: 'PII' })).includes('FAILURE')).toBe(lesson);
  });

  it('names the error code', () => {
    expect(detectLessons(facts({ status: 'FAILED_POLICY', errorCode: 'PII' }))[0]).toMatchObject({ type: 'FAILURE', severity: 'high', detectedPattern: { status: 'FAILED_POLICY', errorCode: 'PII' } });
  });
});

it('teaches several lessons from one run, in a stable order', () => {
  expect(typesOf(facts({ status: 'FAILED_POLICY', costCents: 100, budget: budget(800) }))).toEqual(['FAILURE', 'NEAR_THRESHOLD']);
  expect(typesOf(facts({ costCents: 50, budget: budget(800) }))).toEqual(['NEAR_THRESHOLD', 'CRITICAL_SUCCESS']);
});

describe('lesson review', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const later = new Date(now.getTime() + 1);

  it.each(LessonStatuses.map((status) => ({ status, expected: status === 'PENDING' || status === 'DEFERRED' ? 'none' : 'IMMUTABLE' })))(
    'a $status lesson may be dismissed or deferred: $expected',
    ({ status, expected }) => {
      expect(codeThrownBy(() => decideDismissal(status, 'not useful'))).toBe(expected);
      expect(codeThrownBy(() => decideDeferral(status, later, now))).toBe(expected);
    },
  );

  it.each([
    { status: 'PENDING', expected: 'none' },
    { status: 'CONVERTED_TO_DRAFT', expected: 'CONFLICT' },
    { status: 'DEFERRED', expected: 'INVALID_TRANSITION' },
    { status: 'DISMISSED', expected: 'IMMUTABLE' },
  ] as const)('a $status lesson may be converted to a draft: $expected', ({ status, expected }) => {
    expect(codeThrownBy(() => decideConversion(status))).toBe(expected);
  });

  it('covers every lesson status in the conversion table', () => {
    expect(LessonStatuses.map((status) => codeThrownBy(() => decideConversion(status)))).toEqual(['none', 'CONFLICT', 'INVALID_TRANSITION', 'IMMUTABLE']);
  });

  it('moves a converted lesson to CONVERTED_TO_DRAFT', () => {
    expect(decideConversion('PENDING')).toBe('CONVERTED_TO_DRAFT');
  });

  it('moves a reviewed lesson to DISMISSED or DEFERRED', () => {
    expect(decideDismissal('PENDING', 'known issue')).toBe('DISMISSED');
    expect(decideDeferral('DEFERRED', later, now)).toBe('DEFERRED');
  });

  it.each(['', '   ', 'x'.repeat(2001)])('needs a real reason to dismiss (%#)', (reason) => {
    expect(reasonsThrownBy(() => decideDismissal('PENDING', reason))).toEqual([expect.stringContaining('reason')]);
  });

  it.each([
    { case: 'now', until: now },
    { case: 'the past', until: new Date(now.getTime() - 1) },
  ])('refuses to defer until $case', ({ until }) => {
    expect(reasonsThrownBy(() => decideDeferral('PENDING', until, now))).toEqual(['until must be in the future']);
  });

  it.each([
    { case: 'a deferred lesson 1 ms before its time', status: 'DEFERRED', until: new Date(now.getTime() + 1), expected: null },
    { case: 'a deferred lesson at its time', status: 'DEFERRED', until: now, expected: 'PENDING' },
    { case: 'a deferred lesson past its time', status: 'DEFERRED', until: new Date(now.getTime() - 1), expected: 'PENDING' },
    { case: 'a deferred lesson without a time', status: 'DEFERRED', until: null, expected: null },
    { case: 'a pending lesson', status: 'PENDING', until: now, expected: null },
    { case: 'a dismissed lesson', status: 'DISMISSED', until: now, expected: null },
    { case: 'a converted lesson', status: 'CONVERTED_TO_DRAFT', until: now, expected: null },
  ] as const)('when a deferral ends: $case → $expected', ({ status, until, expected }) => {
    expect(decideDeferralEnd(status, until, now)).toBe(expected);
  });
});
