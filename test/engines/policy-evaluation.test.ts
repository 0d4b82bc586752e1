// Unit tests of a completed run's policy evaluation: outcome and confidence from the run's recorded
// violations, its final status and the policies checked.
import { describe, expect, it } from 'vitest';
import { evaluatePolicies, type PolicyConclusion, type PolicyFacts } from '../../src/runtime/engines/policy-evaluation.js';

describe('evaluatePolicies', () => {
  const rows: Array<[string, PolicyFacts, PolicyConclusion]> = [
    ['nothing checked, nothing recorded', { status: 'SUCCEEDED', policiesChecked: 0, violationKinds: [] }, { outcome: 'NOT_APPLICABLE', confidence: 0 }],
    ['one policy checked, clean', { status: 'SUCCEEDED', policiesChecked: 1, violationKinds: [] }, { outcome: 'NO_VIOLATION', confidence: 0.5 }],
    ['four policies checked, clean', { status: 'FAILED', policiesChecked: 4, violationKinds: [] }, { outcome: 'NO_VIOLATION', confidence: 0.8 }],
    ['three policies checked, clean', { status: 'SUCCEEDED', policiesChecked: 3, violationKinds: [] }, { outcome: 'NO_VIOLATION', confidence: 0.75 }],
    ['denied inspection', { status: 'SUCCEEDED', policiesChecked: 0, violationKinds: ['INSPECTION_CONSTRAINT'] }, { outcome: 'VIOLATION', confidence: 1 }],
    ['denied inspection beside a breach', { status: 'SUCCEEDED', policiesChecked: 2, violationKinds: ['PHASE_STATUS_INVARIANT', 'INSPECTION_CONSTRAINT'] }, { outcome: 'VIOLATION', confidence: 1 }],
    ['breach recorded under enforcement off', { status: 'SUCCEEDED', policiesChecked: 2, violationKinds: ['PHASE_STATUS_INVARIANT'] }, { outcome: 'ADVISORY', confidence: 1 }],
    ['FAILED_POLICY on the worker\'s word', { status: 'FAILED_POLICY', policiesChecked: 1, violationKinds: [] }, { outcome: 'VIOLATION', confidence: 0.8 }],
    ['FAILED_POLICY with a recorded breach', { status: 'FAILED_POLICY', policiesChecked: 1, violationKinds: ['PHASE_STATUS_INVARIANT'] }, { outcome: 'VIOLATION', confidence: 1 }],
  ];
  it.each(rows)('%s', (_name, facts, expected) => {
    expect(evaluatePolicies(facts)).toEqual(expected);
  });
});
