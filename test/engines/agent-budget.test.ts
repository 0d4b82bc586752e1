// Unit tests of an agent's budget: what remains of the limit after what the window spent (never
// below zero), and where a rolling window that ends now begins.
import { describe, expect, it } from 'vitest';
import { budgetWindowStart, DEFAULT_BUDGET_WINDOW_HOURS, remainingBudget } from '../../src/runtime/engines/agent-budget.js';

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

  it.each([
    { windowHours: 1, start: '2026-01-02T11:00:00.000Z' },
    { windowHours: 24, start: '2026-01-01T12:00:00.000Z' },
    { windowHours: 8760, start: '2025-01-02T12:00:00.000Z' },
  ])('a $windowHours h window ending at noon on 2 January starts at $start', ({ windowHours, start }) => {
    expect(budgetWindowStart(windowHours, new Date('2026-01-02T12:00:00Z')).toISOString()).toBe(start);
  });
});
