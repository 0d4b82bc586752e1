// Engine: an agent's budget — its rolling window, per-run and per-day caps; what is spent, what open
// runs hold reserved, and what remains; synthetic runs' costs are reported apart and never count.

/** Default budget window. */
export const DEFAULT_BUDGET_WINDOW_HOURS = 24;

/** A budget and what was spent inside its window. */
export interface BudgetUse {
  limitCents: number;
  windowHours: number;
  spentCents: number;
}

/** An agent's budget with what its window has spent and its open runs hold, as consoles see it. */
export interface AgentBudgetView {
  agentId: string;
  limitCents: number;
  windowHours: number;
  /** Actual costs of the runs completed in the window. */
  spentCents: number;
  /** Estimates reserved by the agent's open runs. */
  reservedCents: number;
  /** Actual costs of the agent's synthetic runs completed in the window (not in `spentCents`). */
  syntheticSpentCents: number;
  /** What the window leaves: limit − spent − reserved, never below zero. */
  remainingCents: number;
  perRunLimitCents: number | null;
  dailyLimitCents: number | null;
  dailyRemainingCents: number | null;
  /** The tenant's default budget applies: the agent has none of its own. */
  isTenantDefault: boolean;
}

/** Remaining budget: limit − spent, never below zero. */
export function remainingBudget(use: BudgetUse): number {
  return Math.max(0, use.limitCents - use.spentCents);
}

/** An agent's budget as stored, with what it spent and holds reserved, as one read gives it. */
export interface BudgetFacts {
  limitCents: number;
  windowHours: number;
  perRunLimitCents: number | null;
  dailyLimitCents: number | null;
  /** Actual costs of the runs completed inside the rolling window. */
  windowSpentCents: number;
  /** Actual costs of the runs completed since the start of the UTC day. */
  daySpentCents: number;
  /** Estimated costs reserved by the agent's runs that have not ended. */
  reservedCents: number;
  /** Actual costs of the agent's synthetic runs completed inside the rolling window (never counted above). */
  syntheticSpentCents: number;
}

/** What an agent may still spend under each cap that applies (null: the cap does not apply). */
export interface BudgetStanding {
  windowRemainingCents: number | null;
  dailyRemainingCents: number | null;
  perRunLimitCents: number | null;
}

/** No budget: nothing is capped. */
export const Unlimited: BudgetStanding = { windowRemainingCents: null, dailyRemainingCents: null, perRunLimitCents: null };

/** The standing of an agent's budget (reservations count as spent until their run ends); unlimited without one. */
export function budgetStanding(facts: BudgetFacts | null): BudgetStanding {
  if (facts === null) return Unlimited;
  return {
    windowRemainingCents: remainingBudget({ limitCents: facts.limitCents, windowHours: facts.windowHours, spentCents: facts.windowSpentCents + facts.reservedCents }),
    dailyRemainingCents: facts.dailyLimitCents === null ? null : Math.max(0, facts.dailyLimitCents - facts.daySpentCents - facts.reservedCents),
    perRunLimitCents: facts.perRunLimitCents,
  };
}

/** What remains to spend now: the smaller of the window's and the day's remainder; null when unlimited. */
export function remainingOf(standing: BudgetStanding): number | null {
  const caps = [standing.windowRemainingCents, standing.dailyRemainingCents].filter((cap): cap is number => cap !== null);
  return caps.length === 0 ? null : Math.min(...caps);
}

/** The start (midnight UTC) of the day that contains `now`: the per-day cap's period. */
export function dayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The view of an agent's budget from its facts. */
export function budgetView(agentId: string, facts: BudgetFacts, isTenantDefault: boolean): AgentBudgetView {
  const standing = budgetStanding(facts);
  return {
    agentId,
    limitCents: facts.limitCents,
    windowHours: facts.windowHours,
    spentCents: facts.windowSpentCents,
    reservedCents: facts.reservedCents,
    syntheticSpentCents: facts.syntheticSpentCents,
    remainingCents: standing.windowRemainingCents ?? 0,
    perRunLimitCents: facts.perRunLimitCents,
    dailyLimitCents: facts.dailyLimitCents,
    dailyRemainingCents: standing.dailyRemainingCents,
    isTenantDefault,
  };
}
