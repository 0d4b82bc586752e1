// Unit tests of an agent's budget: what remains of the limit after what the window spent (never
// below zero), the standing under each cap with open runs' reservations counted, what remains now,
// the UTC day of the daily cap, and the view consoles read.
import { describe, expect, it } from 'vitest';
import { budgetStanding, budgetView, dayStart, DEFAULT_BUDGET_WINDOW_HOURS, remainingBudget, remainingOf, Unlimited, type BudgetFacts } from '../../src/runtime/engines/agent-budget.js';

const facts = (overrides: Partial<BudgetFacts> = {}): BudgetFacts => ({
  limitCents: 1000,
  windowHours: 24,
  perRunLimitCents: null,
  dailyLimitCents: null,
  windowSpentCents: 0,
  daySpentCents: 0,
  reservedCents: 0,
  syntheticSpentCents: 0,
  ...overrides,
});

describe('agent budget', () => {
  it('uses a 24 h window by default', () => {
    expect(DEFAULT_BUDGET_WINDOW_HOURS).toBe(24);
  });

  it.each([
    { limitCents: 1000, spentCents: 0, remaining: 1000 },
    { limitCents: 1000, spentCents: 375, remaining: 625 },
    { limitCents: 1000, spentCents: 1000, remaining: 0 },
    { limitCents: 1000, spentCents: 1200, remaining: 0 },
    { limitCents: 0, spentCents: 0, remaining: 0 },
  ])('limit $limitCents, spent $spentCents → $remaining remaining', ({ limitCents, spentCents, remaining }) => {
    expect(remainingBudget({ limitCents, windowHours: 24, spentCents })).toBe(remaining);
  });

  it('is unlimited without a budget', () => {
    expect(budgetStanding(null)).toEqual(Unlimited);
    expect(remainingOf(Unlimited)).toBeNull();
  });

  it.each([
    { why: 'nothing spent', facts: facts(), window: 1000, daily: null, now: 1000 },
    { why: 'completed runs spent', facts: facts({ windowSpentCents: 300 }), window: 700, daily: null, now: 700 },
    { why: 'open runs reserve', facts: facts({ windowSpentCents: 300, reservedCents: 200 }), window: 500, daily: null, now: 500 },
    { why: 'reservations beyond the limit', facts: facts({ reservedCents: 1500 }), window: 0, daily: null, now: 0 },
    { why: 'a daily cap tighter than the window', facts: facts({ dailyLimitCents: 400, daySpentCents: 100, windowSpentCents: 100, reservedCents: 50 }), window: 850, daily: 250, now: 250 },
    { why: 'a daily cap looser than the window', facts: facts({ dailyLimitCents: 5000, windowSpentCents: 900 }), window: 100, daily: 5000, now: 100 },
    { why: 'a spent daily cap', facts: facts({ dailyLimitCents: 100, daySpentCents: 150 }), window: 1000, daily: 0, now: 0 },
  ])('$why: window $window, daily $daily, remaining now $now', ({ facts: given, window, daily, now }) => {
    const standing = budgetStanding(given);
    expect(standing).toEqual({ windowRemainingCents: window, dailyRemainingCents: daily, perRunLimitCents: given.perRunLimitCents });
    expect(remainingOf(standing)).toBe(now);
  });

  it('carries the per-run cap as it is', () => {
    expect(budgetStanding(facts({ perRunLimitCents: 50 })).perRunLimitCents).toBe(50);
  });

  it.each([
    { now: '2026-01-02T12:00:00.000Z', start: '2026-01-02T00:00:00.000Z' },
    { now: '2026-01-02T00:00:00.000Z', start: '2026-01-02T00:00:00.000Z' },
    { now: '2026-01-01T23:59:59.999Z', start: '2026-01-01T00:00:00.000Z' },
    { now: '2026-03-01T00:30:00.000+01:00', start: '2026-02-28T00:00:00.000Z' },
  ])('the day of $now starts at $start (UTC)', ({ now, start }) => {
    expect(dayStart(new Date(now)).toISOString()).toBe(start);
  });

  it('shows the view with spend, reservations, synthetic spend apart and caps', () => {
    expect(budgetView('agent-1', facts({ windowSpentCents: 100, reservedCents: 50, syntheticSpentCents: 500, perRunLimitCents: 75, dailyLimitCents: 300, daySpentCents: 100 }), true)).toEqual({
      agentId: 'agent-1',
      limitCents: 1000,
      windowHours: 24,
      spentCents: 100,
      reservedCents: 50,
      syntheticSpentCents: 500,
      remainingCents: 850,
      perRunLimitCents: 75,
      dailyLimitCents: 300,
      dailyRemainingCents: 150,
      isTenantDefault: true,
    });
  });
});
