// Engine: shape checks of run-related requests — createRun, the runs filter, the stale-run scan, skills,
// budgets, settings and plan limits — each
// listing every broken rule at once (BAD_USER_INPUT).
import { BadUserInputError } from '../errors.js';
import { DEFAULT_RUN_TIMEOUT_SECONDS, type ReconciliationStatus } from './run-audit.js';
import type { RunPhase, RunStatus } from './run-states.js';

/** A createRun request. */
export interface RunRequest {
  agentId: string;
  goal: string;
  traceId?: string | null;
  policyId?: string | null;
  timeoutSeconds?: number | null;
  isSynthetic?: boolean | null;
  syntheticScenarioId?: string | null;
}

const MAX_TIMEOUT_SECONDS = 86_400;

function check(problems: string[]): void {
  if (problems.length > 0) throw new BadUserInputError(problems);
}

function text(problems: string[], value: string | null | undefined, field: string, max: number, required: boolean): void {
  if (value == null) {
    if (required) problems.push(`${field} is required`);
  } else if (value.trim().length === 0 || value.length > max) {
    problems.push(`${field} must be 1..${max} characters and not blank`);
  }
}

/** Validates a createRun request; returns its timeout (default 300 s). */
export function validateRunRequest(request: RunRequest): number {
  const problems: string[] = [];
  text(problems, request.agentId, 'agentId', 200, true);
  text(problems, request.goal, 'goal', 2000, true);
  text(problems, request.traceId, 'traceId', 200, false);
  text(problems, request.policyId, 'policyId', 200, false);
  text(problems, request.syntheticScenarioId, 'syntheticScenarioId', 200, false);
  if (request.syntheticScenarioId != null && request.isSynthetic !== true) problems.push('syntheticScenarioId is only for a synthetic run (isSynthetic: true)');
  const timeout = request.timeoutSeconds ?? DEFAULT_RUN_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) problems.push(`timeoutSeconds must be an integer in 1..${MAX_TIMEOUT_SECONDS}`);
  check(problems);
  return timeout;
}

/** What the `runs` list keeps: each given criterion must hold (a list: any of its values). */
export interface RunFilter {
  agentId?: string | null;
  phase?: readonly RunPhase[] | null;
  status?: readonly RunStatus[] | null;
  reconciliationStatus?: readonly ReconciliationStatus[] | null;
  isSynthetic?: boolean | null;
}

/** Checks a runs filter (agentId, when given, 1..200 characters); returns it. */
export function checkRunFilter(filter: RunFilter): RunFilter {
  const problems: string[] = [];
  text(problems, filter.agentId, 'agentId', 200, false);
  check(problems);
  return filter;
}

/** The longest idle time the stale-run scan takes: a year. */
const MAX_STALE_MINUTES = 525_600;

/** The last-update time before which an open run is stale, `olderThanMinutes` (1..525600) before `now`. */
export function staleCutoff(now: Date, olderThanMinutes: number): Date {
  if (!Number.isInteger(olderThanMinutes) || olderThanMinutes < 1 || olderThanMinutes > MAX_STALE_MINUTES) {
    throw new BadUserInputError([`olderThanMinutes must be an integer in 1..${MAX_STALE_MINUTES}`]);
  }
  return new Date(now.getTime() - olderThanMinutes * 60_000);
}

/** A skill as an admin declares it. */
export interface SkillRequest {
  name: string;
  description: string;
  keywords: string[];
  estimatedCostCents: number;
  sideEffects?: boolean | null;
}

/** Validates a skill declaration. */
export function validateSkillRequest(skill: SkillRequest): void {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9_.-]{0,99}$/i.test(skill.name)) problems.push('name must be 1..100 letters, digits, "_", "." or "-"');
  text(problems, skill.description, 'description', 2000, true);
  if (skill.keywords.length === 0) problems.push('keywords must not be empty');
  if (skill.keywords.some((keyword) => !/^[a-z0-9]{1,50}$/i.test(keyword))) problems.push('each keyword must be one word of 1..50 letters or digits');
  if (!Number.isInteger(skill.estimatedCostCents) || skill.estimatedCostCents < 0) problems.push('estimatedCostCents must be a non-negative integer');
  check(problems);
}

/** A budget as an admin sets it. */
export interface BudgetRequest {
  agentId: string;
  limitCents: number;
  windowHours?: number | null;
  perRunLimitCents?: number | null;
  dailyLimitCents?: number | null;
}

function nonNegativeCents(problems: string[], value: number | null | undefined, field: string): void {
  if (value != null && (!Number.isInteger(value) || value < 0)) problems.push(`${field} must be a non-negative integer`);
}

/** Validates a budget; returns its window (default 24 h). */
export function validateBudgetRequest(request: BudgetRequest, defaultWindowHours: number): number {
  const problems: string[] = [];
  text(problems, request.agentId, 'agentId', 200, true);
  if (!Number.isInteger(request.limitCents) || request.limitCents < 0) problems.push('limitCents must be a non-negative integer');
  nonNegativeCents(problems, request.perRunLimitCents, 'perRunLimitCents');
  nonNegativeCents(problems, request.dailyLimitCents, 'dailyLimitCents');
  const window = request.windowHours ?? defaultWindowHours;
  if (!Number.isInteger(window) || window < 1 || window > 8760) problems.push('windowHours must be an integer in 1..8760');
  check(problems);
  return window;
}

/** Validates settings percentages (0 < p ≤ 100). */
export function validateSettingsPercents(percents: Record<string, number | null | undefined>): void {
  const problems = Object.entries(percents)
    .filter(([, value]) => value != null && (!Number.isFinite(value) || value <= 0 || value > 100))
    .map(([field]) => `${field} must be a percentage in (0, 100]`);
  check(problems);
}

/** Plan limits and the default agent budget as an admin sets them. */
export interface PlanSettingsRequest {
  maxPlanCostCents?: number | null;
  maxPlanSteps?: number | null;
  defaultAgentBudgetCents?: number | null;
}

/** Validates plan limits (steps 1..1000, cents non-negative) and the default agent budget. */
export function validatePlanSettings(settings: PlanSettingsRequest): void {
  const problems: string[] = [];
  nonNegativeCents(problems, settings.maxPlanCostCents, 'maxPlanCostCents');
  nonNegativeCents(problems, settings.defaultAgentBudgetCents, 'defaultAgentBudgetCents');
  if (settings.maxPlanSteps != null && (!Number.isInteger(settings.maxPlanSteps) || settings.maxPlanSteps < 1 || settings.maxPlanSteps > 1000)) problems.push('maxPlanSteps must be an integer in 1..1000');
  check(problems);
}
