// Engine: run plans — the deterministic built-in planner (skills chosen by keyword relevance to
// the goal), and plan validation (known skills, step limit, budget) with its warnings.
import { BadUserInputError } from '../errors.js';

/** Default limit on plan steps. */
export const MAX_PLAN_STEPS = 20;
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
}

/** A validated plan step. */
export interface PlanStep {
  index: number;
  skill: string;
  description: string;
  estimatedCostCents: number;
  parameters: Record<string, unknown> | null;
}

/** The plan stored on a run. */
export interface RunPlan {
  steps: PlanStep[];
  estimatedCostCents: number;
  planner: string;
  memorySnippetCount: number;
  memorySnippets: string[];
  contextSummary: string | null;
  warnings: string[];
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

/** What validation knows besides the steps. */
export interface PlanContext {
  skills: readonly ManifestSkill[];
  /** Budget left in the agent's window; null when the agent has no budget. */
  remainingBudgetCents: number | null;
  maxSteps?: number;
  planner: string;
  memory: { snippets: string[]; summary: string | null };
}

/** Validates proposed steps into a plan, or throws BAD_USER_INPUT listing every reason. */
export function validatePlan(proposed: readonly ProposedStep[], context: PlanContext): RunPlan {
  const bySkill = new Map(context.skills.map((skill) => [skill.name, skill]));
  const maxSteps = context.maxSteps ?? MAX_PLAN_STEPS;
  const problems: string[] = [];
  if (proposed.length === 0) problems.push('the plan has no steps: no skill in the manifest matches the goal');
  if (proposed.length > maxSteps) problems.push(`the plan has ${proposed.length} steps; at most ${maxSteps} are allowed`);
  const unknown = [...new Set(proposed.map((step) => step.skill).filter((name) => !bySkill.has(name)))];
  if (unknown.length > 0) problems.push(`unknown skill${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const steps = proposed.map((step, index) => ({
    index,
    skill: step.skill,
    description: step.description,
    estimatedCostCents: bySkill.get(step.skill)?.estimatedCostCents ?? 0,
    parameters: step.parameters ?? null,
  }));
  const total = steps.reduce((sum, step) => sum + step.estimatedCostCents, 0);
  const remaining = context.remainingBudgetCents;
  if (remaining === null && total > 0) problems.push(`the plan costs ${total} cents but the agent has no budget (an admin sets one with setAgentBudget)`);
  if (remaining !== null && total > remaining) problems.push(`the plan costs ${total} cents but only ${remaining} cents of the agent's budget remain`);
  if (problems.length > 0) throw new BadUserInputError(problems);
  const warnings: string[] = [];
  if (remaining !== null && remaining > 0 && total > remaining * BUDGET_WARNING_SHARE) {
    warnings.push(`the plan uses ${Math.round((total / remaining) * 100)}% of the remaining budget`);
  }
  for (const step of steps) if (bySkill.get(step.skill)?.sideEffects) warnings.push(`step ${step.index} (${step.skill}) has side effects`);
  return {
    steps,
    estimatedCostCents: total,
    planner: context.planner,
    memorySnippetCount: context.memory.snippets.length,
    memorySnippets: context.memory.snippets,
    contextSummary: context.memory.summary,
    warnings,
  };
}
