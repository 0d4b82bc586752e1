// Engine: run plans — the deterministic built-in planner (skills chosen by keyword relevance to
// the goal), and plan validation (known skills, step and cost limits, safety, the agent's budget)
// refusing with every coded reason at once, with the plan's coded warnings.
import { CodedInputError } from '../errors.js';
import { remainingOf, type BudgetStanding } from './agent-budget.js';
import { dependencyFindings, duplicateWarnings, forbiddenTargetFindings, injectionWarnings, loopFindings, type Finding } from './plan-safety.js';

/** Default limit on plan steps (a tenant setting). */
export const MAX_PLAN_STEPS = 25;
/** Default cap on one plan's estimated cost, in cents (a tenant setting). */
export const MAX_PLAN_COST_CENTS = 10_000;
/** Share of the remaining budget above which a plan carries a warning. */
export const BUDGET_WARNING_SHARE = 0.8;

/** A skill of the manifest, as planning sees it. */
export interface ManifestSkill {
  name: string;
  description: string;
  keywords: readonly string[];
  estimatedCostCents: number;
  sideEffects: boolean;
}

/** A step as a planner proposes it (cost comes from the manifest, never from the planner). */
export interface ProposedStep {
  skill: string;
  description: string;
  parameters?: Record<string, unknown> | null;
  /** Indexes of the steps this one waits for. */
  dependsOn?: number[] | null;
  /** How many times the step runs (default 1). */
  repeat?: number | null;
}

/** A validated plan step; its cost is the skill's cost times its repeats. */
export interface PlanStep {
  index: number;
  skill: string;
  description: string;
  estimatedCostCents: number;
  parameters: Record<string, unknown> | null;
  dependsOn: number[];
  repeat: number;
}

/** Why a plan is refused: the closed set of `extensions.reasons[].code`. */
export const PlanRefusalCodes = [
  'EMPTY_PLAN',
  'TOO_MANY_STEPS',
  'UNKNOWN_SKILL',
  'EXCESSIVE_LOOP',
  'UNKNOWN_DEPENDENCY',
  'CIRCULAR_DEPENDENCY',
  'FORBIDDEN_TARGET',
  'COST_EXCEEDS_LIMIT',
  'RUN_BUDGET_EXCEEDED',
  'BUDGET_EXCEEDED',
  'DAILY_BUDGET_EXCEEDED',
] as const;
/** One refusal code. */
export type PlanRefusalCode = (typeof PlanRefusalCodes)[number];

/** What a plan is warned about: the closed set of warning codes. */
export const PlanWarningCodes = ['BUDGET_NEAR_LIMIT', 'SIDE_EFFECTS', 'DUPLICATE_STEP', 'SUSPICIOUS_TEXT'] as const;
/** One warning code. */
export type PlanWarningCode = (typeof PlanWarningCodes)[number];
/** A warning kept on the run. */
export type PlanWarning = Finding<PlanWarningCode>;

/** The plan stored on a run. */
export interface RunPlan {
  steps: PlanStep[];
  estimatedCostCents: number;
  planner: string;
  memorySnippetCount: number;
  memorySnippets: string[];
  contextSummary: string | null;
  /** The warnings' messages (see {@link ValidatedPlan.warnings} for their codes). */
  warnings: string[];
}

/** A validated plan and its coded warnings. */
export interface ValidatedPlan {
  plan: RunPlan;
  warnings: PlanWarning[];
}

/** The words of a text, lower-cased, for keyword matching. */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
}

/** Built-in planner: every skill whose keywords (or name words) occur in the goal, most matches first. */
export function planFromManifest(goal: string, skills: readonly ManifestSkill[]): ProposedStep[] {
  const goalWords = wordsOf(goal);
  return skills
    .map((skill) => {
      const terms = new Set([...skill.keywords.map((keyword) => keyword.toLowerCase()), ...wordsOf(skill.name)]);
      const matched = [...terms].filter((term) => goalWords.has(term)).sort();
      return { skill, matched };
    })
    .filter(({ matched }) => matched.length > 0)
    .sort((a, b) => b.matched.length - a.matched.length || a.skill.name.localeCompare(b.skill.name))
    .map(({ skill, matched }) => ({ skill: skill.name, description: skill.description, parameters: { goal, matchedKeywords: matched } }));
}

/** The tenant's plan limits. */
export interface PlanLimits {
  maxSteps: number;
  maxCostCents: number;
}

/** What validation knows besides the steps. */
export interface PlanContext {
  skills: readonly ManifestSkill[];
  limits: PlanLimits;
  /** The agent's budget standing (reservations of its open runs already counted). */
  budget: BudgetStanding;
  planner: string;
  memory: { snippets: string[]; summary: string | null };
}

type Refusal = Finding<PlanRefusalCode>;

/** Validates proposed steps into a plan, or throws BAD_USER_INPUT listing every coded reason (and, for money, what remains). */
export function validatePlan(proposed: readonly ProposedStep[], context: PlanContext): ValidatedPlan {
  const bySkill = new Map(context.skills.map((skill) => [skill.name, skill]));
  const steps: PlanStep[] = proposed.map((step, index) => {
    const repeat = step.repeat ?? 1;
    return {
      index,
      skill: step.skill,
      description: step.description,
      estimatedCostCents: (bySkill.get(step.skill)?.estimatedCostCents ?? 0) * repeat,
      parameters: step.parameters ?? null,
      dependsOn: [...(step.dependsOn ?? [])],
      repeat,
    };
  });
  const total = steps.reduce((sum, step) => sum + step.estimatedCostCents, 0);
  const refusals = [...shapeRefusals(steps, bySkill, context.limits), ...loopFindings(steps), ...dependencyFindings(steps), ...forbiddenTargetFindings(steps), ...costRefusals(total, context)];
  const remaining = remainingOf(context.budget);
  if (refusals.length > 0) throw new CodedInputError(refusals, refusals.some((refusal) => isBudgetCode(refusal.code)) ? { remainingCents: remaining } : {});
  const warnings: PlanWarning[] = [];
  if (remaining !== null && remaining > 0 && total > remaining * BUDGET_WARNING_SHARE) {
    warnings.push({ code: 'BUDGET_NEAR_LIMIT', message: `the plan uses ${Math.round((total / remaining) * 100)}% of the remaining budget` });
  }
  for (const step of steps) if (bySkill.get(step.skill)?.sideEffects) warnings.push({ code: 'SIDE_EFFECTS', message: `step ${step.index} (${step.skill}) has side effects` });
  warnings.push(...duplicateWarnings(steps), ...injectionWarnings(steps));
  return {
    plan: {
      steps,
      estimatedCostCents: total,
      planner: context.planner,
      memorySnippetCount: context.memory.snippets.length,
      memorySnippets: context.memory.snippets,
      contextSummary: context.memory.summary,
      warnings: warnings.map((warning) => warning.message),
    },
    warnings,
  };
}

function isBudgetCode(code: PlanRefusalCode): boolean {
  return code === 'RUN_BUDGET_EXCEEDED' || code === 'BUDGET_EXCEEDED' || code === 'DAILY_BUDGET_EXCEEDED';
}

/** EMPTY_PLAN, TOO_MANY_STEPS and UNKNOWN_SKILL (each unknown skill named once). */
function shapeRefusals(steps: readonly PlanStep[], bySkill: ReadonlyMap<string, ManifestSkill>, limits: PlanLimits): Refusal[] {
  const refusals: Refusal[] = [];
  if (steps.length === 0) refusals.push({ code: 'EMPTY_PLAN', message: 'the plan has no steps: no skill in the manifest matches the goal' });
  if (steps.length > limits.maxSteps) refusals.push({ code: 'TOO_MANY_STEPS', message: `the plan has ${steps.length} steps; at most ${limits.maxSteps} are allowed` });
  const unknown = [...new Set(steps.map((step) => step.skill).filter((name) => !bySkill.has(name)))];
  if (unknown.length > 0) refusals.push({ code: 'UNKNOWN_SKILL', message: `unknown skill${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
  return refusals;
}

/** COST_EXCEEDS_LIMIT (the tenant's per-plan cap) and the agent's caps: per run, rolling window, per day. */
function costRefusals(total: number, context: PlanContext): Refusal[] {
  const { budget, limits } = context;
  const refusals: Refusal[] = [];
  if (total > limits.maxCostCents) refusals.push({ code: 'COST_EXCEEDS_LIMIT', message: `the plan costs ${total} cents; a plan may cost at most ${limits.maxCostCents} cents` });
  if (budget.perRunLimitCents !== null && total > budget.perRunLimitCents) {
    refusals.push({ code: 'RUN_BUDGET_EXCEEDED', message: `the plan costs ${total} cents but one run of the agent may cost at most ${budget.perRunLimitCents} cents` });
  }
  if (budget.windowRemainingCents !== null && total > budget.windowRemainingCents) {
    refusals.push({ code: 'BUDGET_EXCEEDED', message: `the plan costs ${total} cents but only ${budget.windowRemainingCents} cents of the agent's budget remain` });
  }
  if (budget.dailyRemainingCents !== null && total > budget.dailyRemainingCents) {
    refusals.push({ code: 'DAILY_BUDGET_EXCEEDED', message: `the plan costs ${total} cents but only ${budget.dailyRemainingCents} cents of the agent's daily budget remain` });
  }
  return refusals;
}
