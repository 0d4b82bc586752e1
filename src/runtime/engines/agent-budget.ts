// Engine: an agent's budget in its rolling window — what is spent and what remains.

/** Default budget window. */
export const DEFAULT_BUDGET_WINDOW_HOURS = 24;

/** A budget and what was spent inside its window. */
export interface BudgetUse {
  limitCents: number;
  windowHours: number;
  spentCents: number;
}

/** An agent's budget with what its window has spent, as consoles see it. */
export interface AgentBudgetView {
  agentId: string;
  limitCents: number;
  windowHours: number;
  spentCents: number;
  remainingCents: number;
}

/** Remaining budget: limit − spent, never below zero. */
export function remainingBudget(use: BudgetUse): number {
  return Math.max(0, use.limitCents - use.spentCents);
}

/** The start of the window that ends at `now`. */
export function budgetWindowStart(windowHours: number, now: Date): Date {
  return new Date(now.getTime() - windowHours * 3_600_000);
}
