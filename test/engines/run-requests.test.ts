// Unit tests of run-related request checks: createRun, skills, budgets and settings percentages —
// each accepts a valid request and lists every broken rule of an invalid one at once.
import { describe, expect, it } from 'vitest';
import {
  validateBudgetRequest,
  validatePlanSettings,
  validateRunRequest,
  validateSettingsPercents,
  validateSkillRequest,
  type RunRequest,
  type SkillRequest,
} from '../../src/runtime/engines/run-requests.js';
import { codeThrownBy, reasonsThrownBy } from '../support/engine-errors.js';

const run = (overrides: Partial<RunRequest> = {}): RunRequest => ({ agentId: 'agent-7', goal: 'search the web', ...overrides });
const skill = (overrides: Partial<SkillRequest> = {}): SkillRequest => ({ name: 'web-search', description: 'Search the web', keywords: ['search'], estimatedCostCents: 10, ...overrides });

describe('createRun request', () => {
  it('defaults the timeout to 300 seconds', () => {
    expect(validateRunRequest(run())).toBe(300);
    expect(validateRunRequest(run({ timeoutSeconds: null }))).toBe(300);
  });

  it('accepts a synthetic run with or without its scenario', () => {
    expect(validateRunRequest(run({ isSynthetic: true, syntheticScenarioId: 'scenario-1' }))).toBe(300);
    expect(validateRunRequest(run({ isSynthetic: true }))).toBe(300);
  });

  it.each([1, 120, 86_400])('accepts a timeout of %i seconds', (timeoutSeconds) => {
    expect(validateRunRequest(run({ timeoutSeconds, traceId: 't-1', policyId: 'p-1' }))).toBe(timeoutSeconds);
  });

  it.each([0, -5, 86_401, 1.5])('refuses a timeout of %d seconds', (timeoutSeconds) => {
    expect(reasonsThrownBy(() => validateRunRequest(run({ timeoutSeconds })))).toEqual(['timeoutSeconds must be an integer in 1..86400']);
  });

  it.each([
    { field: 'agentId', request: run({ agentId: '  ' }), reason: 'agentId must be 1..200 characters and not blank' },
    { field: 'agentId', request: run({ agentId: 'a'.repeat(201) }), reason: 'agentId must be 1..200 characters and not blank' },
    { field: 'goal', request: run({ goal: '' }), reason: 'goal must be 1..2000 characters and not blank' },
    { field: 'goal', request: run({ goal: 'g'.repeat(2001) }), reason: 'goal must be 1..2000 characters and not blank' },
    { field: 'traceId', request: run({ traceId: ' ' }), reason: 'traceId must be 1..200 characters and not blank' },
    { field: 'policyId', request: run({ policyId: 'p'.repeat(201) }), reason: 'policyId must be 1..200 characters and not blank' },
    { field: 'syntheticScenarioId', request: run({ isSynthetic: true, syntheticScenarioId: ' ' }), reason: 'syntheticScenarioId must be 1..200 characters and not blank' },
    { field: 'syntheticScenarioId', request: run({ syntheticScenarioId: 'scenario-1' }), reason: 'syntheticScenarioId is only for a synthetic run (isSynthetic: true)' },
    { field: 'syntheticScenarioId', request: run({ isSynthetic: false, syntheticScenarioId: 'scenario-1' }), reason: 'syntheticScenarioId is only for a synthetic run (isSynthetic: true)' },
  ])('refuses a bad $field', ({ request, reason }) => {
    expect(reasonsThrownBy(() => validateRunRequest(request))).toEqual([reason]);
  });

  it('requires agentId and goal', () => {
    const missing = { agentId: null, goal: undefined } as unknown as RunRequest;
    expect(reasonsThrownBy(() => validateRunRequest(missing))).toEqual(['agentId is required', 'goal is required']);
  });

  it('lists every broken rule at once', () => {
    expect(reasonsThrownBy(() => validateRunRequest({ agentId: '', goal: ' ', traceId: '', policyId: '', timeoutSeconds: 0 }))).toEqual([
      'agentId must be 1..200 characters and not blank',
      'goal must be 1..2000 characters and not blank',
      'traceId must be 1..200 characters and not blank',
      'policyId must be 1..200 characters and not blank',
      'timeoutSeconds must be an integer in 1..86400',
    ]);
    expect(codeThrownBy(() => validateRunRequest(run({ goal: '' })))).toBe('BAD_USER_INPUT');
  });
});

describe('skill declaration', () => {
  it.each([skill(), skill({ name: 'a', keywords: ['x1', 'Email'], estimatedCostCents: 0, sideEffects: true }), skill({ name: 'Send.email_v2-x' })])('accepts $name', (request) => {
    expect(codeThrownBy(() => validateSkillRequest(request))).toBe('none');
  });

  it.each([
    { why: 'a name with a space', request: skill({ name: 'web search' }), reason: 'name must be 1..100 letters, digits, "_", "." or "-"' },
    { why: 'a name starting with "-"', request: skill({ name: '-search' }), reason: 'name must be 1..100 letters, digits, "_", "." or "-"' },
    { why: 'a name of 101 characters', request: skill({ name: 's'.repeat(101) }), reason: 'name must be 1..100 letters, digits, "_", "." or "-"' },
    { why: 'a blank description', request: skill({ description: ' ' }), reason: 'description must be 1..2000 characters and not blank' },
    { why: 'no keywords', request: skill({ keywords: [] }), reason: 'keywords must not be empty' },
    { why: 'a keyword of two words', request: skill({ keywords: ['web search'] }), reason: 'each keyword must be one word of 1..50 letters or digits' },
    { why: 'a negative cost', request: skill({ estimatedCostCents: -1 }), reason: 'estimatedCostCents must be a non-negative integer' },
    { why: 'a fractional cost', request: skill({ estimatedCostCents: 2.5 }), reason: 'estimatedCostCents must be a non-negative integer' },
  ])('refuses $why', ({ request, reason }) => {
    expect(reasonsThrownBy(() => validateSkillRequest(request))).toEqual([reason]);
  });

  it('lists every broken rule at once', () => {
    expect(reasonsThrownBy(() => validateSkillRequest({ name: '', description: '', keywords: [], estimatedCostCents: -1 }))).toHaveLength(4);
  });
});

describe('budget', () => {
  it('defaults the window to the given default', () => {
    expect(validateBudgetRequest({ agentId: 'agent-7', limitCents: 500, windowHours: null }, 24)).toBe(24);
    expect(validateBudgetRequest({ agentId: 'agent-7', limitCents: 0, windowHours: 8760, perRunLimitCents: 0, dailyLimitCents: 100 }, 24)).toBe(8760);
  });

  it.each([
    { why: 'a negative limit', args: ['agent-7', -1, 24] as const, reason: 'limitCents must be a non-negative integer' },
    { why: 'a fractional limit', args: ['agent-7', 1.5, 24] as const, reason: 'limitCents must be a non-negative integer' },
    { why: 'a zero window', args: ['agent-7', 100, 0] as const, reason: 'windowHours must be an integer in 1..8760' },
    { why: 'a window over a year', args: ['agent-7', 100, 8761] as const, reason: 'windowHours must be an integer in 1..8760' },
    { why: 'a blank agent', args: [' ', 100, 24] as const, reason: 'agentId must be 1..200 characters and not blank' },
  ])('refuses $why', ({ args, reason }) => {
    expect(reasonsThrownBy(() => validateBudgetRequest({ agentId: args[0], limitCents: args[1], windowHours: args[2] }, 24))).toEqual([reason]);
  });

  it.each([
    { why: 'a negative per-run cap', caps: { perRunLimitCents: -1 }, reason: 'perRunLimitCents must be a non-negative integer' },
    { why: 'a fractional daily cap', caps: { dailyLimitCents: 2.5 }, reason: 'dailyLimitCents must be a non-negative integer' },
  ])('refuses $why', ({ caps, reason }) => {
    expect(reasonsThrownBy(() => validateBudgetRequest({ agentId: 'agent-7', limitCents: 100, ...caps }, 24))).toEqual([reason]);
  });

  it('lists every broken rule at once', () => {
    expect(reasonsThrownBy(() => validateBudgetRequest({ agentId: '', limitCents: -1, windowHours: 0, perRunLimitCents: -1, dailyLimitCents: -1 }, 24))).toHaveLength(5);
  });
});

describe('plan settings', () => {
  it('accepts absent values, zero cents and 1..1000 steps', () => {
    expect(codeThrownBy(() => validatePlanSettings({}))).toBe('none');
    expect(codeThrownBy(() => validatePlanSettings({ maxPlanCostCents: 0, maxPlanSteps: 1, defaultAgentBudgetCents: 0 }))).toBe('none');
    expect(codeThrownBy(() => validatePlanSettings({ maxPlanSteps: 1000, defaultAgentBudgetCents: null }))).toBe('none');
  });

  it.each([
    { why: 'a negative plan cost cap', settings: { maxPlanCostCents: -1 }, reason: 'maxPlanCostCents must be a non-negative integer' },
    { why: 'zero steps', settings: { maxPlanSteps: 0 }, reason: 'maxPlanSteps must be an integer in 1..1000' },
    { why: 'too many steps', settings: { maxPlanSteps: 1001 }, reason: 'maxPlanSteps must be an integer in 1..1000' },
    { why: 'a negative default budget', settings: { defaultAgentBudgetCents: -5 }, reason: 'defaultAgentBudgetCents must be a non-negative integer' },
  ])('refuses $why', ({ settings, reason }) => {
    expect(reasonsThrownBy(() => validatePlanSettings(settings))).toEqual([reason]);
  });
});

describe('settings percentages', () => {
  it('accepts percentages in (0, 100] and absent values', () => {
    expect(codeThrownBy(() => validateSettingsPercents({ nearThresholdPercent: 100, criticalSuccessPercent: 0.5, other: null, absent: undefined }))).toBe('none');
  });

  it('refuses 0, over 100 and non-finite values, naming each field', () => {
    expect(reasonsThrownBy(() => validateSettingsPercents({ zero: 0, high: 100.1, nan: Number.NaN, infinite: Number.POSITIVE_INFINITY }))).toEqual([
      'zero must be a percentage in (0, 100]',
      'high must be a percentage in (0, 100]',
      'nan must be a percentage in (0, 100]',
      'infinite must be a percentage in (0, 100]',
    ]);
  });
});
