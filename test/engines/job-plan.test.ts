// Unit tests of the job plan: one step per proposed change, in order; the target is the change's
// capabilityName, else its scope, else `system`; parameters are the remaining fields; 300 s per step.
import { describe, expect, it } from 'vitest';
import { buildJobPlan, DEFAULT_STEP_TIMEOUT_SECONDS } from '../../src/runtime/engines/job-plan.js';
import type { ProposedChange } from '../../src/runtime/engines/proposed-changes.js';

const oneStepPerKind: { change: ProposedChange; target: string; parameters: Record<string, unknown> }[] = [
  { change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' }, target: 'summariser', parameters: { targetLifecycle: 'PREVIEW' } },
  { change: { type: 'CAPABILITY_DISABLE', capabilityName: 'translator', reason: 'cost spike' }, target: 'translator', parameters: { reason: 'cost spike' } },
  {
    change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'max_tokens', oldValue: 1000, newValue: 2000 },
    target: 'SYSTEM',
    parameters: { key: 'max_tokens', oldValue: 1000, newValue: 2000 },
  },
  { change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: { temperature: 0.2 } }, target: 'summariser', parameters: { parameters: { temperature: 0.2 } } },
];

describe('job plan (DOMAIN.md §2)', () => {
  it('uses 300 seconds as the step timeout', () => {
    expect(DEFAULT_STEP_TIMEOUT_SECONDS).toBe(300);
  });

  it.each(oneStepPerKind)('plans $change.type at $target with the remaining fields as parameters', ({ change, target, parameters }) => {
    expect(buildJobPlan([change])).toEqual([{ stepIndex: 0, stepType: change.type, target, parameters, timeoutSeconds: 300 }]);
  });

  it('plans one step per change, in the order of the changes, indexed from 0', () => {
    const plan = buildJobPlan(oneStepPerKind.map((row) => row.change));
    expect(plan.map((step) => [step.stepIndex, step.stepType, step.target])).toEqual([
      [0, 'CAPABILITY_ENABLE', 'summariser'],
      [1, 'CAPABILITY_DISABLE', 'translator'],
      [2, 'CONFIGURATION_UPDATE', 'SYSTEM'],
      [3, 'PARAMETER_CHANGE', 'summariser'],
    ]);
    expect(plan.every((step) => step.timeoutSeconds === 300)).toBe(true);
  });

  it('plans nothing for no changes', () => {
    expect(buildJobPlan([])).toEqual([]);
  });

  it('prefers capabilityName over scope as the target', () => {
    expect(buildJobPlan([{ type: 'CONFIGURATION_UPDATE', capabilityName: 'summariser', scope: 'SYSTEM', key: 'k', newValue: 1 }])[0].target).toBe('summariser');
  });

  it('targets `system` when the change names neither a capability nor a scope', () => {
    expect(buildJobPlan([{ type: 'CONFIGURATION_UPDATE', key: 'k', newValue: 1 }])[0]).toEqual({
      stepIndex: 0,
      stepType: 'CONFIGURATION_UPDATE',
      target: 'system',
      parameters: { key: 'k', newValue: 1 },
      timeoutSeconds: 300,
    });
  });

  it('falls back past a target field that is not a string', () => {
    expect(buildJobPlan([{ type: 'CONFIGURATION_UPDATE', capabilityName: 42, scope: 'SYSTEM', key: 'k', newValue: 1 }])[0].target).toBe('SYSTEM');
    expect(buildJobPlan([{ type: 'CONFIGURATION_UPDATE', scope: null, key: 'k', newValue: 1 }])[0].target).toBe('system');
  });

  it('leaves undefined fields out of the parameters and keeps falsy values', () => {
    const [step] = buildJobPlan([{ type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'retries', oldValue: undefined, newValue: 0 }]);
    expect(step.parameters).toEqual({ key: 'retries', newValue: 0 });
    expect(Object.keys(step.parameters)).not.toContain('oldValue');
  });

  it('does not change the proposed changes it plans from', () => {
    const changes: ProposedChange[] = [{ type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' }];
    buildJobPlan(changes);
    expect(changes).toEqual([{ type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' }]);
  });
});
