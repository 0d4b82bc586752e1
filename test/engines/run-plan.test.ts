// Unit tests of run plans (DOMAIN.md §3): the built-in planner (deterministic, most relevant skill
// first) and plan validation (known skills, step limit, budget — every reason at once — and warnings).
import { describe, expect, it } from 'vitest';
import { BUDGET_WARNING_SHARE, MAX_PLAN_STEPS, planFromManifest, validatePlan, type ManifestSkill, type PlanContext, type ProposedStep } from '../../src/runtime/engines/run-plan.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

const manifest: ManifestSkill[] = [
  { name: 'web-search', description: 'Search the web', keywords: ['search', 'find', 'web'], estimatedCostCents: 10, sideEffects: false },
  { name: 'summarise', description: 'Summarise documents', keywords: ['summarise', 'summary', 'report'], estimatedCostCents: 25, sideEffects: false },
  { name: 'send-email', description: 'Send an email', keywords: ['email', 'send', 'notify'], estimatedCostCents: 40, sideEffects: true },
  { name: 'free-lookup', description: 'Look up a cached answer', keywords: ['lookup'], estimatedCostCents: 0, sideEffects: false },
];

const noMemory = { snippets: [], summary: null };

function context(overrides: Partial<PlanContext> = {}): PlanContext {
  return { skills: manifest, remainingBudgetCents: 1000, planner: 'builtin', memory: noMemory, ...overrides };
}

const step = (skill: string): ProposedStep => ({ skill, description: `use ${skill}` });

describe('built-in planner', () => {
  it('gives the same plan for the same input, whatever the order of the manifest', () => {
    const goal = 'Search the web and send a summary report by email';
    const first = planFromManifest(goal, manifest);
    expect(planFromManifest(goal, manifest)).toEqual(first);
    expect(planFromManifest(goal, [...manifest].reverse())).toEqual(first);
  });

  it('orders skills by how many of their keywords the goal contains, ties by name', () => {
    const plan = planFromManifest('find a summary on the web, then email it', manifest);
    expect(plan.map((proposed) => proposed.skill)).toEqual(['web-search', 'send-email', 'summarise']);
    expect(plan.map((proposed) => proposed.parameters)).toEqual([
      { goal: 'find a summary on the web, then email it', matchedKeywords: ['find', 'web'] },
      { goal: 'find a summary on the web, then email it', matchedKeywords: ['email'] },
      { goal: 'find a summary on the web, then email it', matchedKeywords: ['summary'] },
    ]);
  });

  it('matches whole words, case-insensitively, and the words of the skill name', () => {
    expect(planFromManifest('SEARCH everything', manifest).map((proposed) => proposed.skill)).toEqual(['web-search']);
    expect(planFromManifest('researching emails', manifest)).toEqual([]);
  });

  it('takes the description from the manifest', () => {
    expect(planFromManifest('notify me', manifest)).toEqual([{ skill: 'send-email', description: 'Send an email', parameters: { goal: 'notify me', matchedKeywords: ['notify'] } }]);
  });

  it('plans nothing when no skill matches', () => {
    expect(planFromManifest('paint the fence', manifest)).toEqual([]);
  });
});

describe('plan validation', () => {
  it('builds the plan with costs from the manifest, indexes, planner and memory', () => {
    const memory = { snippets: ['[SUCCEEDED] earlier goal (run_1)'], summary: '1 related earlier run' };
    const plan = validatePlan([step('web-search'), { skill: 'summarise', description: 'sum', parameters: { depth: 2 } }], context({ planner: 'http', memory }));
    expect(plan).toEqual({
      steps: [
        { index: 0, skill: 'web-search', description: 'use web-search', estimatedCostCents: 10, parameters: null },
        { index: 1, skill: 'summarise', description: 'sum', estimatedCostCents: 25, parameters: { depth: 2 } },
      ],
      estimatedCostCents: 35,
      planner: 'http',
      memorySnippetCount: 1,
      memorySnippets: memory.snippets,
      contextSummary: '1 related earlier run',
      warnings: [],
    });
  });

  it('ignores a cost the planner claims and uses the manifest', () => {
    const claimed = { skill: 'send-email', description: 'cheap, says the planner', estimatedCostCents: 1 } as ProposedStep;
    expect(validatePlan([claimed], context()).estimatedCostCents).toBe(40);
    expect(reasonsThrownBy(() => validatePlan([claimed], context({ remainingBudgetCents: 39 })))).toEqual(['the plan costs 40 cents but only 39 cents of the agent\'s budget remain']);
  });

  it('refuses unknown skills, naming each once', () => {
    expect(reasonsThrownBy(() => validatePlan([step('teleport'), step('web-search'), step('teleport'), step('fly')], context()))).toEqual(['unknown skills: teleport, fly']);
    expect(reasonsThrownBy(() => validatePlan([step('teleport')], context()))).toEqual(['unknown skill: teleport']);
  });

  it(`allows ${MAX_PLAN_STEPS} steps and refuses ${MAX_PLAN_STEPS + 1}`, () => {
    expect(MAX_PLAN_STEPS).toBe(20);
    expect(validatePlan(Array.from({ length: 20 }, () => step('free-lookup')), context()).steps).toHaveLength(20);
    expect(reasonsThrownBy(() => validatePlan(Array.from({ length: 21 }, () => step('free-lookup')), context()))).toEqual(['the plan has 21 steps; at most 20 are allowed']);
  });

  it('honours a step limit given in the context', () => {
    expect(reasonsThrownBy(() => validatePlan([step('web-search'), step('summarise')], context({ maxSteps: 1 })))).toEqual(['the plan has 2 steps; at most 1 are allowed']);
  });

  it('refuses a plan with no steps', () => {
    expect(reasonsThrownBy(() => validatePlan([], context()))).toEqual(['the plan has no steps: no skill in the manifest matches the goal']);
  });

  it('allows a plan costing exactly the remaining budget and refuses one cent more', () => {
    expect(validatePlan([step('web-search'), step('summarise')], context({ remainingBudgetCents: 35 })).estimatedCostCents).toBe(35);
    expect(reasonsThrownBy(() => validatePlan([step('web-search'), step('summarise')], context({ remainingBudgetCents: 34 })))).toEqual([
      'the plan costs 35 cents but only 34 cents of the agent\'s budget remain',
    ]);
  });

  it('refuses any cost when the agent has no budget, but allows a free plan', () => {
    expect(reasonsThrownBy(() => validatePlan([step('web-search')], context({ remainingBudgetCents: null })))).toEqual([
      'the plan costs 10 cents but the agent has no budget (an admin sets one with setAgentBudget)',
    ]);
    expect(validatePlan([step('free-lookup')], context({ remainingBudgetCents: null }))).toMatchObject({ estimatedCostCents: 0, warnings: [] });
  });

  it('lists every reason at once', () => {
    const proposed = [...Array.from({ length: 21 }, () => step('send-email')), step('teleport')];
    expect(reasonsThrownBy(() => validatePlan(proposed, context({ remainingBudgetCents: 100 })))).toEqual([
      'the plan has 22 steps; at most 20 are allowed',
      'unknown skill: teleport',
      'the plan costs 840 cents but only 100 cents of the agent\'s budget remain',
    ]);
  });

  it('throws BAD_USER_INPUT', () => {
    expect(codeThrownBy(() => validatePlan([step('teleport')], context()))).toBe('BAD_USER_INPUT');
  });

  it(`warns when the plan uses more than ${BUDGET_WARNING_SHARE * 100}% of the remaining budget, not at exactly that`, () => {
    expect(BUDGET_WARNING_SHARE).toBe(0.8);
    expect(validatePlan([step('send-email')], context({ remainingBudgetCents: 50 })).warnings).toEqual(['step 0 (send-email) has side effects']);
    expect(validatePlan([step('summarise'), step('web-search')], context({ remainingBudgetCents: 40 })).warnings).toEqual(['the plan uses 88% of the remaining budget']);
    expect(validatePlan([step('summarise'), step('web-search')], context({ remainingBudgetCents: 1000 })).warnings).toEqual([]);
  });

  it('warns about no share when the agent has no budget or none remains', () => {
    expect(validatePlan([step('free-lookup')], context({ remainingBudgetCents: null })).warnings).toEqual([]);
    expect(validatePlan([step('free-lookup')], context({ remainingBudgetCents: 0 })).warnings).toEqual([]);
  });

  it('warns about every side-effecting step, after the budget warning', () => {
    expect(validatePlan([step('send-email'), step('web-search'), step('send-email')], context({ remainingBudgetCents: 100 })).warnings).toEqual([
      'the plan uses 90% of the remaining budget',
      'step 0 (send-email) has side effects',
      'step 2 (send-email) has side effects',
    ]);
  });
});
